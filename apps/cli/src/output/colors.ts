import { createColors } from 'picocolors';

export type Colors = ReturnType<typeof createColors>;
export const colorsFor = (enabled: boolean): Colors => createColors(enabled);

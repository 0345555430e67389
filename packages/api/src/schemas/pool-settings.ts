import { z } from 'zod';

/** A whole number within bounds; every refusal names the field and the range. */
function wholeNumber(field: string, min: number, max: number) {
  const error = `${field} must be a whole number from ${min} to ${max}.`;
  return z.int({ error }).min(min, { error }).max(max, { error });
}

/** A credential's place in its provider's pool (docs/decisions/0013): lower first. */
export const positionInput = wholeNumber('position', 0, 1000);
/** A credential's share of the calls among those of equal position. */
export const weightInput = wholeNumber('weight', 1, 100);
/** A profile's longest wait for a key's reset when every credential of a pool rests. */
export const keyWaitMaxSecondsInput = wholeNumber('keyWaitMaxSeconds', 0, 86400);
/** A profile's reserve: leave a key whose reported remaining capacity falls below this share. */
export const keyReservePercentInput = wholeNumber('keyReservePercent', 0, 50);

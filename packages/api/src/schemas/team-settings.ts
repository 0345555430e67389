import { WebSearchSettingSchema } from '@switchyard/db';
import { z } from 'zod';

/**
 * `teams.updateSettings`: every setting is named (null clears it), so a caller always says what the
 * team gets. `webSearch.url` must be http(s) without credentials, query or fragment.
 */
export const teamSettingsInput = z.strictObject({
  webSearch: WebSearchSettingSchema.nullable(),
});
export type TeamSettingsInput = z.infer<typeof teamSettingsInput>;

import type { ExitCode } from '../cli-error';
import { type Colors, colorsFor } from '../output/colors';
import type { Runtime } from '../runtime';

/** What every command's action gets: the runtime and a way to report its exit code. */
export interface CommandContext {
  rt: Runtime;
  finish(code: ExitCode): void;
}

export const JSON_FLAG = '--json';
export const JSON_HELP = 'print one JSON document on stdout (its shape is in the CLI README)';

/** Colours only for human output on a terminal. */
export const colorsOf = (ctx: CommandContext, json: boolean): Colors => colorsFor(ctx.rt.color && !json);

import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { CliError, ExitCode, usageError } from '../cli-error';

export const LOGIN_HINT = 'Run: switchyard login --url URL --api-key KEY (create a key in the dashboard).';

/** A Switchyard server's base URL: http(s), no query or fragment; stored without a trailing slash. */
export const serverUrlSchema = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL, e.g. http://localhost:3000' })
  .refine((value) => {
    const url = new URL(value);
    return !url.search && !url.hash;
  }, 'must not have a query or fragment')
  .transform((value) => value.replace(/\/+$/, ''));

export const apiKeySchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .regex(/^\S+$/, 'must not contain spaces');

export const ConfigSchema = z.object({ url: serverUrlSchema, apiKey: apiKeySchema });
export type Config = z.infer<typeof ConfigSchema>;

/**
 * Where the login is kept: SWITCHYARD_CONFIG, else $XDG_CONFIG_HOME/switchyard/config.json, else
 * ~/.config/switchyard/config.json.
 */
export function configPath(env: NodeJS.ProcessEnv): string {
  if (env.SWITCHYARD_CONFIG) return env.SWITCHYARD_CONFIG;
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'switchyard', 'config.json');
}

/** The stored login, or null when there is none. A file that does not parse is an error to fix. */
export async function readConfig(env: NodeJS.ProcessEnv): Promise<Config | null> {
  const path = configPath(env);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CliError(`Cannot read ${path}: ${(error as Error).message}`, ExitCode.auth, LOGIN_HINT);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(`${path} is not valid JSON.`, ExitCode.auth, `Delete it, then ${LOGIN_HINT}`);
  }
  const parsed = ConfigSchema.safeParse(json);
  if (!parsed.success)
    throw new CliError(
      `${path} is not a Switchyard login: ${z.prettifyError(parsed.error)}`,
      ExitCode.auth,
      LOGIN_HINT,
    );
  return parsed.data;
}

/** Writes the login readable by its owner only (0600) in a directory only they can enter. */
export async function writeConfig(env: NodeJS.ProcessEnv, config: Config): Promise<string> {
  const path = configPath(env);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  // `mode` applies only when the file is created: tighten a file that existed before.
  await chmod(path, 0o600);
  return path;
}

/**
 * The login to use: SWITCHYARD_URL + SWITCHYARD_API_KEY when both are set (CI), else the config
 * file. None is exit 3 with how to log in.
 */
export async function requireLogin(env: NodeJS.ProcessEnv): Promise<Config> {
  if (env.SWITCHYARD_URL && env.SWITCHYARD_API_KEY) {
    const parsed = ConfigSchema.safeParse({ url: env.SWITCHYARD_URL, apiKey: env.SWITCHYARD_API_KEY });
    if (!parsed.success)
      throw usageError(
        `SWITCHYARD_URL / SWITCHYARD_API_KEY are not valid: ${z.prettifyError(parsed.error)}`,
        'Fix or unset them.',
      );
    return parsed.data;
  }
  const config = await readConfig(env);
  if (!config)
    throw new CliError(`Not logged in: no login at ${configPath(env)}.`, ExitCode.auth, LOGIN_HINT);
  return config;
}

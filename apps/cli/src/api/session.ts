import { type Config, requireLogin } from '../config/config-file';
import type { Runtime } from '../runtime';
import type { ApiClient } from './client';
import { toCliError } from './to-cli-error';

export interface Session {
  config: Config;
  /** Runs API calls, turning their failures into CliErrors with the right exit code. */
  call<T>(fn: (client: ApiClient) => Promise<T>): Promise<T>;
  client: ApiClient;
}

/** The logged-in API client (exit 3 with how to log in when there is no login). */
export async function openSession(rt: Runtime): Promise<Session> {
  const config = await requireLogin(rt.env);
  const client = rt.createClient(config);
  return {
    config,
    client,
    async call(fn) {
      try {
        return await fn(client);
      } catch (error) {
        throw toCliError(error, config.url);
      }
    },
  };
}

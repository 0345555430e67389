import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../cli-error';
import { toCliError } from './to-cli-error';

const URL = 'http://localhost:3000';
// What httpLink hands over: the server's error shape (code in `data`), or only a cause when no answer came.
const answered = (code: string, message: string, data: Record<string, unknown> = {}) =>
  new TRPCClientError(message, {
    result: { error: { code: -32600, message, data: { code, httpStatus: 400, ...data } } },
  } as never);

describe('API failures become exit codes with what to do', () => {
  it('a refused key is 3, saying how to get a new one', () => {
    const error = toCliError(answered('UNAUTHORIZED', 'Sign in, or pass an API key.'), URL);
    expect(error.exitCode).toBe(ExitCode.auth);
    expect(error.hint).toContain('switchyard login --url URL --api-key KEY');
  });

  it('a role that may not do this is 3 with the server message', () => {
    const error = toCliError(
      answered('FORBIDDEN', 'This needs the admin role or higher in the team; you are member.'),
      URL,
    );
    expect(error).toMatchObject({ exitCode: ExitCode.auth, message: expect.stringContaining('admin role') });
  });

  it('refused input is 2, with the zod issues by field and a hint for an unknown provider', () => {
    const error = toCliError(
      answered('BAD_REQUEST', 'Unknown provider "nope". Known providers: anthropic, zai.', {
        zodError: { errors: [], properties: { routing: { errors: ['bad'], properties: {} } } },
      }),
      URL,
    );
    expect(error.exitCode).toBe(ExitCode.usage);
    expect(error.details).toEqual(['routing: bad']);
    expect(error.hint).toContain('--provider');
    expect(toCliError(answered('NOT_FOUND', 'Task not found.'), URL).exitCode).toBe(ExitCode.usage);
  });

  it('a server failure is 1', () => {
    expect(toCliError(answered('INTERNAL_SERVER_ERROR', 'boom'), URL).exitCode).toBe(ExitCode.failed);
  });

  it('no answer is 4, naming the URL and the network error', () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const error = toCliError(TRPCClientError.from(refused), URL);
    expect(error.exitCode).toBe(ExitCode.unreachable);
    expect(error.message).toBe('Cannot reach the Switchyard API at http://localhost:3000: ECONNREFUSED.');
  });

  it('an answer that is not the API (an HTML page) is 4 too', () => {
    const error = toCliError(TRPCClientError.from(new SyntaxError('Unexpected token < in JSON')), URL);
    expect(error.exitCode).toBe(ExitCode.unreachable);
    expect(error.message).toContain('did not answer as a Switchyard API');
  });
});

#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { greeterResponder } from './greeter';
import { parseScriptFile } from './script';
import { startFakeLlm } from './server';
import { loadTranscript } from './transcript';
import type { StartFakeLlmOptions } from './types';

const USAGE = `Usage: fake-llm [--port N] [--host H] [--script file.json | --transcript file.json | --greeter] [--label NAME]

A local HTTP server speaking the Anthropic Messages (POST …/v1/messages) and OpenAI Chat
(POST …/chat/completions) wire formats.

  --port N             port to listen on (default 0: chosen by the OS)
  --host H             address to bind (default 127.0.0.1)
  --script FILE        JSON script {"turns":[…],"repeatLast":true}; each request consumes a turn
  --transcript FILE    transcript JSON replayed for every request
  --greeter            computed replies of a scripted agent (Write HELLO.md, then a summary)
  --label NAME         name shown by GET /health
  -h, --help           show this help`;

class UsageError extends Error {}

function parseCli(argv: string[]): StartFakeLlmOptions | 'help' {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`--port must be an integer from 0 to 65535, got "${values.port}"`);
  }
  const sources = [values.script, values.transcript, values.greeter].filter(Boolean);
  if (sources.length > 1) throw new UsageError('give only one of --script, --transcript, --greeter');
  try {
    // Read the files now so that a wrong path is a usage error (exit 2), not a crash.
    if (values.transcript) loadTranscript(values.transcript);
    return {
      port,
      host: values.host,
      label: values.label,
      script: values.script ? parseScriptFile(values.script) : undefined,
      transcript: values.transcript,
      responder: values.greeter ? greeterResponder : undefined,
    };
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      script: { type: 'string' },
      transcript: { type: 'string' },
      greeter: { type: 'boolean' },
      label: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

async function main(): Promise<void> {
  let options: StartFakeLlmOptions | 'help';
  try {
    options = parseCli(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`fake-llm: ${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const server = await startFakeLlm(options);
  process.stdout.write(`fake-llm listening on ${server.url}\n`);
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`fake-llm: error while closing: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`fake-llm: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

import { parseArgs } from 'node:util';
import { PROTOCOLS, type Protocol } from '../registry/ids';
import { type ProbeResult, probeProvider } from './probe';

export const PROBE_USAGE = `Usage: switchyard-probe --protocol anthropic-messages|openai-chat --base-url URL --model M
                        [--api-key K] [--provider ID] [--stream] [--tools] [--json]

Makes one small call to a model (one attempt, no retries) and reports whether it answered.
  --protocol   wire protocol: ${PROTOCOLS.join(' | ')}
  --base-url   the provider's base URL (the SDK appends /v1/messages or /chat/completions)
  --model      model id
  --api-key    API key (omit for servers that need none)
  --provider   provider id or alias (anthropic, zai, openai, …) or a custom name
  --stream     stream the response
  --tools      offer one small tool so that the model can answer with a call
  --json       print one JSON object on the last stdout line
Exit codes: 0 ok, 1 provider error, 2 bad arguments.`;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

function human(r: ProbeResult): string[] {
  const head = `${r.ok ? 'OK' : 'FAILED'} ${r.provider} ${r.model} (${r.protocol}) in ${r.latencyMs} ms`;
  if (!r.ok && r.error)
    return [
      head,
      `error: ${r.error.class} (${r.error.action}) http=${r.error.httpStatus ?? '-'} code=${r.error.providerCode ?? '-'}`,
      r.error.message,
    ];
  const lines = [
    head,
    `finish: ${r.finishReason}; usage: ${r.usage.inputTokens} in / ${r.usage.outputTokens} out`,
  ];
  if (r.text) lines.push(`text: ${r.text}`);
  for (const c of r.toolCalls) lines.push(`tool call: ${c.name}(${JSON.stringify(c.arguments)})`);
  return lines;
}

/** The CLI without process globals, so it can be tested in-process. Returns the exit code. */
export async function runProbeCli(argv: string[], io: CliIo): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        protocol: { type: 'string' },
        'base-url': { type: 'string' },
        model: { type: 'string' },
        'api-key': { type: 'string' },
        provider: { type: 'string' },
        stream: { type: 'boolean' },
        tools: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${PROBE_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(PROBE_USAGE);
    return 0;
  }
  const protocol = values.protocol as string | undefined;
  const baseUrl = values['base-url'] as string | undefined;
  const model = values.model as string | undefined;
  const problems: string[] = [];
  if (!protocol || !(PROTOCOLS as readonly string[]).includes(protocol))
    problems.push(`--protocol must be one of ${PROTOCOLS.join(', ')}`);
  if (!baseUrl || !URL.canParse(baseUrl)) problems.push('--base-url must be an absolute URL');
  if (!model) problems.push('--model is required');
  if (problems.length) {
    io.err(`${problems.join('\n')}\n\n${PROBE_USAGE}`);
    return 2;
  }
  const result = await probeProvider({
    protocol: protocol as Protocol,
    baseUrl: baseUrl as string,
    model: model as string,
    apiKey: values['api-key'] as string | undefined,
    provider: values.provider as string | undefined,
    stream: values.stream === true,
    tools: values.tools === true,
  });
  if (values.json) io.out(JSON.stringify(result));
  else for (const line of human(result)) io.out(line);
  return result.ok ? 0 : 1;
}

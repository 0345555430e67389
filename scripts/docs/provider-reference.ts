import {
  ALIAS_TABLE,
  BUILTIN_PROVIDERS,
  DEFAULT_PHASE_MODEL,
  DEFAULT_PHASE_THINKING,
  MODEL_CATALOG,
  PHASES,
  THINKING_BUDGETS,
  THINKING_LEVELS,
} from '@switchyard/providers';

// The reference tables of docs/providers.md, rendered from the registry and the catalog so that the
// documentation cannot drift from the code (tests/repo/docs.test.ts compares them).

export const START = '<!-- generated:provider-reference:start (pnpm docs:generate) -->';
export const END = '<!-- generated:provider-reference:end -->';

const code = (values: readonly string[]) => (values.length ? values.map((v) => `\`${v}\``).join(', ') : '—');
const tokens = (n: number) => n.toLocaleString('en-US');

export function renderProviderReference(): string {
  const lines: string[] = ['### Built-in providers', ''];
  lines.push(
    '| id | aliases | protocol | default base URL | key env (first found wins) | base URL env | thinking control |',
  );
  lines.push('| --- | --- | --- | --- | --- | --- | --- |');
  for (const p of Object.values(BUILTIN_PROVIDERS)) {
    const keys = p.needsCredential ? code(p.keyEnvNames) : 'none needed';
    lines.push(
      `| \`${p.id}\` | ${code(p.aliases)} | ${p.protocol} | ${p.defaultBaseUrl ?? '—'} | ${keys} | ${code(p.baseUrlEnvNames)} | ${p.thinkingControl} |`,
    );
  }
  lines.push(
    '',
    '### Model aliases',
    '',
    '| provider | opus | sonnet | haiku |',
    '| --- | --- | --- | --- |',
  );
  for (const [provider, table] of Object.entries(ALIAS_TABLE)) {
    lines.push(`| \`${provider}\` | \`${table.opus}\` | \`${table.sonnet}\` | \`${table.haiku}\` |`);
  }
  lines.push(
    '',
    `Defaults when neither task nor profile names a model: ${PHASES.map((p) => `${p} → \`${DEFAULT_PHASE_MODEL[p]}\``).join(', ')}; thinking: ${PHASES.map((p) => `${p} → ${DEFAULT_PHASE_THINKING[p]}`).join(', ')}.`,
    '',
    '### Thinking levels',
    '',
    '| level | budget (tokens, before clamping) |',
    '| --- | --- |',
    ...THINKING_LEVELS.map((level) => `| ${level} | ${tokens(THINKING_BUDGETS[level])} |`),
    '',
    '### Model catalog',
    '',
    '| provider | model | context | max output | max thinking | tools | thinking | vision | streamed usage | $/M in | $/M out | prices taken |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  const yes = (b: boolean) => (b ? 'yes' : 'no');
  for (const [provider, models] of Object.entries(MODEL_CATALOG)) {
    for (const m of models) {
      lines.push(
        `| \`${provider}\` | \`${m.id}\` | ${tokens(m.contextWindow)} | ${tokens(m.maxOutputTokens)} | ${m.maxThinkingBudget ? tokens(m.maxThinkingBudget) : '—'} | ${yes(m.supportsTools)} | ${yes(m.supportsThinking)} | ${yes(m.supportsVision)} | ${yes(m.supportsStreamingUsage)} | ${m.prices.inputPerMTok} | ${m.prices.outputPerMTok} | ${m.pricesTakenOn} |`,
      );
    }
  }
  return lines.join('\n');
}

/** The document with its generated section replaced by the current rendering. */
export function withProviderReference(document: string): string {
  const start = document.indexOf(START);
  const end = document.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/providers.md lacks the ${START} … ${END} markers`);
  return `${document.slice(0, start + START.length)}\n\n${renderProviderReference()}\n\n${document.slice(end)}`;
}

import type { ApiOutputs } from '../api/client';
import type { Colors } from './colors';
import { money } from './format-tasks';
import { formatTable } from './table';

type Usage = ApiOutputs['stats']['usage'];
type SandboxStatus = ApiOutputs['stats']['sandbox'];
type ApiKeys = ApiOutputs['apiKeys']['list'];

export function formatUsage(usage: Usage, days: number, c: Colors): string {
  if (!usage.points.length) return `No usage in the last ${days} day(s).`;
  const totals = new Map<string, { input: number; output: number; cost: number }>();
  for (const p of usage.points) {
    const t = totals.get(p.provider) ?? { input: 0, output: 0, cost: 0 };
    totals.set(p.provider, {
      input: t.input + p.inputTokens,
      output: t.output + p.outputTokens,
      cost: t.cost + p.costUsd,
    });
  }
  return [
    formatTable([
      ['DATE', 'PROVIDER', 'PHASE', 'TOKENS IN', 'TOKENS OUT', 'COST'].map((h) => c.bold(h)),
      ...usage.points.map((p) => [
        p.date,
        p.provider,
        p.phase,
        String(p.inputTokens),
        String(p.outputTokens),
        money(p.costUsd),
      ]),
    ]),
    '',
    c.bold(`Last ${days} day(s) by provider`),
    formatTable(
      [...totals].map(([provider, t]) => [
        `  ${provider}`,
        `${t.input} in`,
        `${t.output} out`,
        money(t.cost),
      ]),
    ),
  ].join('\n');
}

export function formatSandboxStatus(status: SandboxStatus, c: Colors): string {
  if (!status.unsandboxedRuns)
    return c.green(`Every run of the last ${status.days} day(s) had its commands sandboxed.`);
  const last = status.lastUnsandboxedAt ? `, the last at ${status.lastUnsandboxedAt.toISOString()}` : '';
  return c.yellow(
    `${status.unsandboxedRuns} run(s) of the last ${status.days} day(s) ran agent commands outside the OS sandbox${last}. See docs/operating.md (sandbox).`,
  );
}

export function formatApiKeys(keys: ApiKeys, c: Colors): string {
  if (!keys.length) return 'No API keys: create one with switchyard api-keys create NAME.';
  const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : '-');
  return formatTable([
    ['NAME', 'KEY', 'STATE', 'CREATED', 'LAST USED', 'EXPIRES', 'ID'].map((h) => c.bold(h)),
    ...keys.map((k) => [
      k.name ?? '',
      `${k.start ?? k.prefix ?? ''}…`,
      k.enabled ? 'active' : c.dim('revoked'),
      day(k.createdAt),
      day(k.lastUsedAt),
      day(k.expiresAt),
      k.id,
    ]),
  ]);
}

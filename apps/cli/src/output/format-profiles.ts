import { PHASES } from '@switchyard/providers';
import type { ApiOutputs } from '../api/client';
import type { Colors } from './colors';
import { formatTable, oneLine } from './table';

export type Profile = ApiOutputs['profiles']['get'];

const route = (p: Profile, phase: (typeof PHASES)[number]) => {
  const config = p.phases[phase] as { provider?: string; model?: string } | undefined;
  return config ? `${config.provider}/${config.model}` : '-';
};

export function formatProfileList(profiles: Profile[], c: Colors): string {
  const rows = [
    ['NAME', 'KIND', ...PHASES.map((p) => p.toUpperCase()), 'ID'].map((h) => c.bold(h)),
    ...profiles.map((p) => [
      p.name,
      p.builtin ? 'built-in' : 'team',
      ...PHASES.map((phase) => route(p, phase)),
      p.id,
    ]),
  ];
  return formatTable(rows);
}

/** A profile in full: each phase's provider, model, thinking, credential and fallbacks. */
export function formatProfile(p: Profile, c: Colors, verb?: string): string {
  const head = `${verb ? `${c.bold(verb)} profile` : c.bold('Profile')} "${p.name}" (${p.builtin ? 'built-in, read-only' : 'team'}, ${p.id})`;
  const rows = PHASES.map((phase) => {
    const config = p.phases[phase] as
      | {
          provider: string;
          model: string;
          thinking?: string;
          credentialId?: string | null;
          fallbacks?: { provider: string; model: string }[];
        }
      | undefined;
    if (!config) return [`  ${phase}`, '-'];
    const extras = [
      config.thinking ? `thinking ${config.thinking}` : null,
      config.credentialId ? `credential ${config.credentialId}` : null,
      config.fallbacks?.length
        ? `fallbacks ${config.fallbacks.map((f) => `${f.provider}/${f.model}`).join(', ')}`
        : null,
    ].filter(Boolean);
    return [`  ${phase}`, `${config.provider}/${config.model}`, extras.join(', ')];
  });
  const lines = [head];
  if (p.description) lines.push(`  ${oneLine(p.description, 200)}`);
  lines.push(formatTable(rows));
  if (p.defaultProvider) lines.push(`  default provider: ${p.defaultProvider}`);
  lines.push(
    `  key pools: wait up to ${p.keyWaitMaxSeconds} s for a resting key's reset, leave a key below ${p.keyReservePercent} % of its limit`,
  );
  if (p.phasesError) lines.push(c.red(`  phases unreadable: ${p.phasesError}`));
  return lines.join('\n');
}

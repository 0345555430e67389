import type { ApiOutputs } from '../api/client';
import type { Colors } from './colors';
import { describeQuota, describeRest } from './format-pool';
import { formatTable } from './table';

export type ProvidersListing = ApiOutputs['providers']['list'];

type PoolCredential = ProvidersListing['providers'][number]['pool'][number];

/** `1. "GLM main" …1234 (default, position 0, weight 1) ready · requests 10/600 left` */
export function formatPoolMember(cred: PoolCredential, n: number, c: Colors, now = new Date()): string {
  const role = [cred.isDefault ? 'default' : null, `position ${cred.position}`, `weight ${cred.weight}`]
    .filter(Boolean)
    .join(', ');
  const state = cred.rest ? c.yellow(describeRest(cred.rest, now)) : c.green('ready');
  const quota = describeQuota(cred.quota);
  return `${n}. "${cred.label}" ${cred.masked} (${role}) ${state}${quota ? ` · ${quota}` : ''}`;
}

/**
 * One row per provider: id, where it comes from, protocol, the team's keys, models; then each pool
 * of the team's credentials in the order workers use them, saying which rest and until when.
 */
export function formatProvidersList(
  listing: ProvidersListing,
  opts: { models: boolean },
  c: Colors,
  now = new Date(),
): string {
  const rows = [['PROVIDER', 'SOURCE', 'PROTOCOL', 'KEY', 'MODELS']];
  for (const p of listing.providers) {
    const resting = p.pool.filter((cred) => cred.rest).length;
    const key =
      p.credentials > 0
        ? (resting === p.credentials ? c.yellow : c.green)(
            `${p.credentials} credential${p.credentials === 1 ? '' : 's'}${p.hasDefaultCredential ? '' : ', no default'}${resting ? `, ${resting} resting` : ''}`,
          )
        : p.envKeySet
          ? c.green('server env')
          : p.needsCredential
            ? c.yellow('none')
            : 'not needed';
    const models =
      p.models.length === 0 ? 'any id' : opts.models ? p.models.join(', ') : `${p.models.length} known`;
    rows.push([p.id, p.source, p.protocol, key, models]);
  }
  const pools = listing.providers.filter((p) => p.pool.length > 0);
  const poolLines = pools.length
    ? [
        '',
        c.bold('Key pools (in the order workers use them):'),
        ...pools.flatMap((p) => [
          `  ${p.id}`,
          ...p.pool.map((cred, i) => `    ${formatPoolMember(cred, i + 1, c, now)}`),
        ]),
      ]
    : [];
  return [
    formatTable(rows),
    ...poolLines,
    '',
    `Model aliases, resolved per provider: ${listing.modelAliases.join(', ')}.`,
    'Add a key in the dashboard (Settings → Integrations); route with --provider or --phase-provider PHASE=ID.',
  ].join('\n');
}

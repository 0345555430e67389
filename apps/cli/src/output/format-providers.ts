import type { ApiOutputs } from '../api/client';
import type { Colors } from './colors';
import { formatTable } from './table';

export type ProvidersListing = ApiOutputs['providers']['list'];

/** One row per provider: id, where it comes from, protocol, the team's keys, models. */
export function formatProvidersList(listing: ProvidersListing, opts: { models: boolean }, c: Colors): string {
  const rows = [['PROVIDER', 'SOURCE', 'PROTOCOL', 'KEY', 'MODELS']];
  for (const p of listing.providers) {
    const key =
      p.credentials > 0
        ? c.green(
            `${p.credentials} credential${p.credentials === 1 ? '' : 's'}${p.hasDefaultCredential ? '' : ', no default'}`,
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
  return [
    formatTable(rows),
    '',
    `Model aliases, resolved per provider: ${listing.modelAliases.join(', ')}.`,
    'Add a key in the dashboard (Settings → Integrations); route with --provider or --phase-provider PHASE=ID.',
  ].join('\n');
}

import type { Colors } from './colors';
import type { MaskedCredential } from './format-checks';
import { describeQuota, describeRest } from './format-pool';
import { formatTable } from './table';

/** The last "Test connection" result stored on a credential, in a few words. */
function lastCheck(credential: MaskedCredential, c: Colors): string {
  if (!credential.lastCheckedAt) return c.dim('never tested');
  const result = (credential.lastCheckResult ?? {}) as { ok?: boolean; error?: { class?: string } | null };
  const when = credential.lastCheckedAt.toISOString().slice(0, 16).replace('T', ' ');
  return result.ok ? c.green(`ok ${when}`) : c.red(`${result.error?.class ?? 'failed'} ${when}`);
}

/** Whether the credential serves calls now, or rests after a provider limit, and until when. */
export function credentialState(cred: Pick<MaskedCredential, 'rest'>, c: Colors, now = new Date()): string {
  return cred.rest ? c.yellow(describeRest(cred.rest, now)) : c.green('ready');
}

/**
 * Each provider's credentials in pool order (the API lists them so: default first, then position,
 * then creation); `#` is the place in the pool. A resting one says until when and why.
 */
export function formatCredentialList(credentials: MaskedCredential[], c: Colors, now = new Date()): string {
  if (!credentials.length)
    return 'No credentials yet: add one with: printf %s "$KEY" | switchyard credentials add --provider zai --label GLM';
  const place = new Map<string, number>();
  return formatTable([
    [
      'PROVIDER',
      '#',
      'LABEL',
      'KEY',
      'DEFAULT',
      'POSITION',
      'WEIGHT',
      'STATE',
      'REMAINING',
      'PROTOCOL',
      'BASE URL',
      'LAST TEST',
      'ID',
    ].map((h) => c.bold(h)),
    ...credentials.map((cred) => {
      const n = (place.get(cred.provider) ?? 0) + 1;
      place.set(cred.provider, n);
      return [
        cred.provider,
        String(n),
        cred.label,
        cred.masked,
        cred.isDefault ? 'yes' : 'no',
        String(cred.position),
        String(cred.weight),
        credentialState(cred, c, now),
        describeQuota(cred.quota) ?? '-',
        cred.protocol,
        cred.baseUrl ?? '(provider default)',
        lastCheck(cred, c),
        cred.id,
      ];
    }),
  ]);
}

export function formatCredential(cred: MaskedCredential, verb: string, c: Colors): string {
  const role = cred.isDefault
    ? `the team's default for ${cred.provider}`
    : `not the default for ${cred.provider}`;
  const pool = `position ${cred.position}, weight ${cred.weight}`;
  const state = cred.rest ? `; ${describeRest(cred.rest)}` : '';
  return `${c.bold(verb)} ${cred.provider} credential "${cred.label}" (${cred.masked}, ${cred.protocol}, ${cred.baseUrl ?? 'provider default URL'}; ${role}; ${pool}${state}) ${cred.id}`;
}

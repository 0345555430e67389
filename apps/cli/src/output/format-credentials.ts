import type { Colors } from './colors';
import type { MaskedCredential } from './format-checks';
import { formatTable } from './table';

/** The last "Test connection" result stored on a credential, in a few words. */
function lastCheck(credential: MaskedCredential, c: Colors): string {
  if (!credential.lastCheckedAt) return c.dim('never tested');
  const result = (credential.lastCheckResult ?? {}) as { ok?: boolean; error?: { class?: string } | null };
  const when = credential.lastCheckedAt.toISOString().slice(0, 16).replace('T', ' ');
  return result.ok ? c.green(`ok ${when}`) : c.red(`${result.error?.class ?? 'failed'} ${when}`);
}

export function formatCredentialList(credentials: MaskedCredential[], c: Colors): string {
  if (!credentials.length)
    return 'No credentials yet: add one with: printf %s "$KEY" | switchyard credentials add --provider zai --label GLM';
  return formatTable([
    ['PROVIDER', 'LABEL', 'KEY', 'DEFAULT', 'PROTOCOL', 'BASE URL', 'LAST TEST', 'ID'].map((h) => c.bold(h)),
    ...credentials.map((cred) => [
      cred.provider,
      cred.label,
      cred.masked,
      cred.isDefault ? 'yes' : 'no',
      cred.protocol,
      cred.baseUrl ?? '(provider default)',
      lastCheck(cred, c),
      cred.id,
    ]),
  ]);
}

export function formatCredential(cred: MaskedCredential, verb: string, c: Colors): string {
  const role = cred.isDefault
    ? `the team's default for ${cred.provider}`
    : `not the default for ${cred.provider}`;
  return `${c.bold(verb)} ${cred.provider} credential "${cred.label}" (${cred.masked}, ${cred.protocol}, ${cred.baseUrl ?? 'provider default URL'}; ${role}) ${cred.id}`;
}

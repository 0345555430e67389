import type { ApiOutputs } from '../api/client';
import type { Colors } from './colors';

export type MaskedCredential = ApiOutputs['credentials']['list'][number];
export type CredentialCheck = ApiOutputs['credentials']['test']['check'];

export interface CheckResult {
  credential: MaskedCredential;
  /** The probe's result; null when the test could not run (then `error` says why). */
  check: CredentialCheck | null;
  error: string | null;
}

export interface ProvidersCheckReport {
  ok: boolean;
  results: CheckResult[];
}

export function formatProvidersCheck(report: ProvidersCheckReport, c: Colors): string {
  if (!report.results.length)
    return 'No credentials in your team: add one in the dashboard (Settings → Integrations).';
  const lines = report.results.map(({ credential, check, error }) => {
    const name = `${credential.provider} "${credential.label}" (${credential.masked})`;
    if (!check) return `${c.red('✗')} ${name}: ${error}`;
    if (!check.ok)
      return `${c.red('✗')} ${name}: ${check.model} at ${check.baseUrl}: ${check.error?.class ?? 'error'}: ${check.error?.message ?? 'failed'}`;
    const tools = check.toolCallWorks ? 'tool calling works' : c.yellow('no tool call');
    const usage = check.usageReported ? 'usage reported' : c.yellow('no usage reported');
    return `${c.green('✓')} ${name}: ${check.model} reachable and authenticated, ${tools}, ${usage}, ${check.latencyMs} ms`;
  });
  const failed = report.results.filter((r) => !r.check?.ok).length;
  lines.push(
    failed ? c.red(`${failed} of ${report.results.length} failed.`) : c.green('All credentials work.'),
  );
  return lines.join('\n');
}

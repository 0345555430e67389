import type { ApiOutputs } from '../api/client';
import type { Colors } from './colors';

type Preview = ApiOutputs['routing']['preview'];

/** Per phase: provider and model, credential source, why the provider won, warnings and issues. */
export function formatRoutingPreview(preview: Preview, c: Colors): string {
  const lines: string[] = [];
  for (const phase of preview.phases) {
    const thinking = phase.thinking.level === 'none' ? '' : `, thinking ${phase.thinking.level}`;
    lines.push(
      `${c.bold(phase.phase.padEnd(8))} ${phase.provider}/${phase.model} ${c.dim(`(${phase.providerLabel}, ${phase.protocol}${thinking})`)}`,
      `         credential: ${phase.credentialDescription}`,
      `         why: ${phase.reason}`,
    );
    for (const fb of phase.fallbacks)
      lines.push(`         fallback: ${fb.provider}/${fb.model} (${fb.credentialDescription})`);
    // Validation repeats most routing warnings as issues: print each once.
    for (const warning of phase.warnings)
      if (!phase.issues.some((issue) => issue.message.includes(warning)))
        lines.push(c.yellow(`         warning: ${warning}`));
    for (const issue of phase.issues)
      lines.push(
        issue.severity === 'error'
          ? c.red(`         error: ${issue.message}`)
          : c.yellow(`         warning: ${issue.message}`),
      );
  }
  lines.push(
    preview.ok
      ? c.green(`Routing is valid. Providers used: ${preview.providersUsed.join(', ')}.`)
      : c.red(`Routing is not valid: tasks create would refuse it (${preview.errors.length} error(s)).`),
  );
  return lines.join('\n');
}

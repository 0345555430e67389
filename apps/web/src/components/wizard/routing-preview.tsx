'use client';

import Link from 'next/link';
import type { RoutingPreview } from '@/components/tasks/types';
import { ProviderBadge } from '@/components/ui/provider-badge';
import { Alert, ErrorState, Loading } from '@/components/ui/states';

/**
 * What tasks.create would decide, per phase: provider, model, where the credential comes from, why
 * the provider won, and the validation messages (errors block creating the task).
 */
export function RoutingPreviewPanel({
  preview,
  isFetching,
  error,
}: {
  preview: RoutingPreview | undefined;
  isFetching: boolean;
  error: unknown;
}) {
  if (error) return <ErrorState title="The routing preview failed." error={error} />;
  if (!preview) return <Loading label="Resolving routing…" />;
  const errors = preview.issues.filter((i) => i.severity === 'error');
  const warnings = preview.issues.filter((i) => i.severity === 'warning');
  return (
    <div data-testid="routing-preview" data-ok={preview.ok} className="space-y-3">
      <div className="flex items-center justify-between">
        <p className="text-xs text-slate-500">Providers used: {preview.providersUsed.join(', ') || 'none'}</p>
        {isFetching && <span className="text-xs text-slate-400">updating…</span>}
      </div>
      <ol className="space-y-2">
        {preview.phases.map((phase) => {
          const phaseErrors = phase.issues.filter((i) => i.severity === 'error');
          return (
            <li
              key={phase.phase}
              data-testid={`preview-${phase.phase}`}
              className={`rounded-md border px-3 py-2 ${phaseErrors.length ? 'border-red-200 bg-red-50/50' : 'border-slate-200 bg-white'}`}
            >
              <div className="flex flex-wrap items-center gap-2">
                <span className="w-16 text-xs font-semibold tracking-wide text-slate-500 uppercase">
                  {phase.phase}
                </span>
                <ProviderBadge provider={phase.provider} label={phase.providerLabel} />
                <span className="font-mono text-sm text-slate-800" data-testid="preview-model">
                  {phase.model}
                </span>
                {!phase.modelInCatalog && (
                  <span className="text-xs text-amber-700">not in catalog: no price, no limits</span>
                )}
                <span className="text-xs text-slate-500">thinking {phase.thinking.level}</span>
              </div>
              <dl className="mt-1 grid grid-cols-[6rem_1fr] gap-x-2 text-xs text-slate-600">
                <dt className="text-slate-400">credential</dt>
                <dd
                  data-testid="preview-credential"
                  className={phase.credential.kind === 'missing' ? 'text-red-700' : ''}
                >
                  {phase.credentialDescription}
                </dd>
                <dt className="text-slate-400">why</dt>
                <dd data-testid="preview-reason">{phase.reason}</dd>
                {phase.fallbacks.length > 0 && (
                  <>
                    <dt className="text-slate-400">fallbacks</dt>
                    <dd>
                      {phase.fallbacks
                        .map((f) => `${f.provider}/${f.model} (${f.credentialDescription})`)
                        .join(' → ')}
                    </dd>
                  </>
                )}
              </dl>
              {phase.warnings.length > 0 && (
                <ul className="mt-1 list-inside list-disc text-xs text-amber-800">
                  {phase.warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
      {errors.length > 0 && (
        <Alert tone="error" testId="preview-errors">
          <p className="font-medium">This task cannot run yet:</p>
          <ul className="mt-1 list-inside list-disc space-y-1">
            {errors.map((issue) => (
              <li key={`${issue.phase}-${issue.code}-${issue.message}`} data-testid="preview-error">
                {issue.message}
              </li>
            ))}
          </ul>
          {errors.some((i) => i.code === 'missing_credential') && (
            <Link href="/settings/integrations" className="mt-2 inline-block font-medium underline">
              Open Settings → Integrations
            </Link>
          )}
        </Alert>
      )}
      {warnings.length > 0 && (
        <Alert tone="warning" testId="preview-warnings">
          <ul className="list-inside list-disc space-y-1">
            {warnings.map((issue) => (
              <li key={`${issue.phase}-${issue.code}-${issue.message}`}>{issue.message}</li>
            ))}
          </ul>
        </Alert>
      )}
    </div>
  );
}

import type { Profile } from '@/components/tasks/types';
import { ProviderBadge } from '@/components/ui/provider-badge';

const ORDER = ['spec', 'planning', 'coding', 'qa'] as const;

/** A profile's phases at a glance: provider, model, thinking and fallbacks. */
export function PhaseRoutesTable({ phases }: { phases: Profile['phases'] }) {
  return (
    <table className="w-full text-sm">
      <tbody>
        {ORDER.map((phase) => {
          const config = phases[phase];
          return (
            <tr
              key={phase}
              className="border-t border-slate-100 first:border-t-0"
              data-testid={`profile-phase-${phase}`}
            >
              <td className="w-20 py-1.5 text-xs font-medium tracking-wide text-slate-500 uppercase">
                {phase}
              </td>
              {config ? (
                <>
                  <td className="py-1.5">
                    <span className="flex items-center gap-1.5">
                      <ProviderBadge provider={config.provider} />
                      <span className="font-mono text-xs">{config.model}</span>
                    </span>
                  </td>
                  <td className="py-1.5 text-xs text-slate-500">thinking {config.thinking}</td>
                  <td className="py-1.5 text-right text-xs text-slate-500">
                    {config.fallbacks.length > 0
                      ? `fallback ${config.fallbacks.map((f) => `${f.provider}/${f.model}`).join(', ')}`
                      : ''}
                  </td>
                </>
              ) : (
                <td colSpan={3} className="py-1.5 text-xs text-slate-400">
                  default provider
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

import { cn } from '@/lib/cn';

const COLORS: Record<string, string> = {
  anthropic: 'bg-orange-50 text-orange-800 ring-orange-200',
  zai: 'bg-violet-50 text-violet-800 ring-violet-200',
  openai: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  openrouter: 'bg-sky-50 text-sky-800 ring-sky-200',
  deepseek: 'bg-blue-50 text-blue-800 ring-blue-200',
  ollama: 'bg-stone-100 text-stone-700 ring-stone-200',
  'demo-planner': 'bg-amber-50 text-amber-800 ring-amber-200',
  'demo-coder': 'bg-teal-50 text-teal-800 ring-teal-200',
};

/** A provider, coloured the same wherever it appears (board, timeline, charts legend). */
export function ProviderBadge({
  provider,
  label,
  className,
}: {
  provider: string;
  label?: string;
  className?: string;
}) {
  return (
    <span
      data-testid="provider-badge"
      data-provider={provider}
      className={cn(
        'inline-flex items-center rounded px-1.5 py-0.5 font-mono text-xs font-medium ring-1 ring-inset',
        COLORS[provider] ?? 'bg-slate-100 text-slate-700 ring-slate-200',
        className,
      )}
    >
      {label ?? provider}
    </span>
  );
}

/** Chart colours per provider, matching the badges. */
export const PROVIDER_CHART_COLORS: Record<string, string> = {
  anthropic: '#ea580c',
  zai: '#7c3aed',
  openai: '#059669',
  openrouter: '#0284c7',
  deepseek: '#2563eb',
  ollama: '#78716c',
  'demo-planner': '#d97706',
  'demo-coder': '#0d9488',
};

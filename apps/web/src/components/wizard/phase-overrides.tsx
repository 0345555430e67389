'use client';

import { useCatalog } from '@/components/shell/catalog-context';
import { Input, NativeSelect } from '@/components/ui/input';

export type Phase = 'spec' | 'planning' | 'coding' | 'qa';
export type Thinking = 'none' | 'low' | 'medium' | 'high' | 'ultrathink';
export interface PhaseOverride {
  provider: string;
  model: string;
  thinking: Thinking | '';
}
export type Overrides = Record<Phase, PhaseOverride>;

export const EMPTY_OVERRIDES: Overrides = {
  spec: { provider: '', model: '', thinking: '' },
  planning: { provider: '', model: '', thinking: '' },
  coding: { provider: '', model: '', thinking: '' },
  qa: { provider: '', model: '', thinking: '' },
};

/** The task's own routing settings from the overrides: only what was set. */
export function routingFromOverrides(overrides: Overrides) {
  const pick = (field: 'provider' | 'model' | 'thinking') =>
    Object.fromEntries(
      Object.entries(overrides)
        .filter(([, o]) => o[field].trim() !== '')
        .map(([phase, o]) => [phase, o[field].trim()]),
    );
  return {
    phaseProviders: pick('provider'),
    phaseModels: pick('model'),
    phaseThinking: pick('thinking') as Partial<Record<Phase, Thinking>>,
  };
}

/** Per-phase provider / model / thinking overrides; "profile" (empty) means as the profile says. */
export function PhaseOverrides({
  value,
  onChange,
  extraProviders = [],
  idPrefix = 'override',
}: {
  value: Overrides;
  onChange: (next: Overrides) => void;
  /** Team-specific custom providers (from its credentials). */
  extraProviders?: string[];
  idPrefix?: string;
}) {
  const catalog = useCatalog();
  const providerIds = [...new Set([...catalog.providers.map((p) => p.id), ...extraProviders])];
  const set = (phase: Phase, patch: Partial<PhaseOverride>) =>
    onChange({ ...value, [phase]: { ...value[phase], ...patch } });
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200">
      <table className="w-full text-sm">
        <thead className="bg-slate-50 text-left text-xs tracking-wide text-slate-500 uppercase">
          <tr>
            <th className="w-20 px-2 py-2 font-medium">Phase</th>
            <th className="px-2 py-2 font-medium">Provider</th>
            <th className="px-2 py-2 font-medium">Model</th>
            <th className="px-2 py-2 font-medium">Thinking</th>
          </tr>
        </thead>
        <tbody>
          {catalog.phases.map((phase) => {
            const models = [
              ...catalog.aliases,
              ...(catalog.provider(value[phase].provider)?.models ??
                catalog.providers.flatMap((p) => p.models)),
            ];
            return (
              <tr key={phase} className="border-t border-slate-100">
                <td className="px-2 py-2 font-medium capitalize">{phase === 'qa' ? 'QA' : phase}</td>
                <td className="px-2 py-2">
                  <NativeSelect
                    className="min-w-32"
                    aria-label={`${phase} provider`}
                    id={`${idPrefix}-${phase}-provider`}
                    value={value[phase].provider}
                    onChange={(e) => set(phase, { provider: e.target.value })}
                  >
                    <option value="">profile</option>
                    {providerIds.map((id) => (
                      <option key={id} value={id}>
                        {catalog.provider(id)?.label ?? id} ({id})
                      </option>
                    ))}
                  </NativeSelect>
                </td>
                <td className="px-2 py-2">
                  <Input
                    className="min-w-28"
                    aria-label={`${phase} model`}
                    list={`${idPrefix}-${phase}-models`}
                    placeholder="profile"
                    value={value[phase].model}
                    onChange={(e) => set(phase, { model: e.target.value })}
                  />
                  <datalist id={`${idPrefix}-${phase}-models`}>
                    {[...new Set(models)].map((m) => (
                      <option key={m} value={m} />
                    ))}
                  </datalist>
                </td>
                <td className="px-2 py-2">
                  <NativeSelect
                    className="min-w-28"
                    aria-label={`${phase} thinking`}
                    value={value[phase].thinking}
                    onChange={(e) => set(phase, { thinking: e.target.value as Thinking | '' })}
                  >
                    <option value="">profile</option>
                    {catalog.thinkingLevels.map((level) => (
                      <option key={level} value={level}>
                        {level}
                      </option>
                    ))}
                  </NativeSelect>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

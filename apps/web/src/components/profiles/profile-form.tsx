'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { useCatalog } from '@/components/shell/catalog-context';
import type { Profile } from '@/components/tasks/types';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Input, NativeSelect, Textarea } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { Alert } from '@/components/ui/states';
import type { Phase, Thinking } from '@/components/wizard/phase-overrides';
import { inputIssuesOf } from '@/trpc/errors';
import { useTRPC } from '@/trpc/react';

interface PhaseDraft {
  provider: string;
  model: string;
  thinking: Thinking;
  credentialId: string;
  fallbacks: { provider: string; model: string }[];
}

const blank = (): PhaseDraft => ({
  provider: 'anthropic',
  model: 'sonnet',
  thinking: 'medium',
  credentialId: '',
  fallbacks: [],
});

function draftFrom(profile: Profile | undefined): Record<Phase, PhaseDraft> {
  const from = (phase: Phase): PhaseDraft => {
    const c = profile?.phases[phase];
    return c
      ? {
          provider: c.provider,
          model: c.model,
          thinking: c.thinking,
          credentialId: c.credentialId ?? '',
          fallbacks: [...c.fallbacks],
        }
      : blank();
  };
  return { spec: from('spec'), planning: from('planning'), coding: from('coding'), qa: from('qa') };
}

/** Create or edit a team profile: per phase provider, model, thinking, credential and fallbacks (admin). */
export function ProfileForm({ profile }: { profile?: Profile }) {
  const trpc = useTRPC();
  const catalog = useCatalog();
  const router = useRouter();
  const queryClient = useQueryClient();
  const credentials = useQuery(trpc.credentials.list.queryOptions());
  const [name, setName] = useState(profile?.name ?? '');
  const [description, setDescription] = useState(profile?.description ?? '');
  const [defaultProvider, setDefaultProvider] = useState(profile?.defaultProvider ?? '');
  const [phases, setPhases] = useState(() => draftFrom(profile));
  const [keyWaitMax, setKeyWaitMax] = useState(String(profile?.keyWaitMaxSeconds ?? 300));
  const [keyReserve, setKeyReserve] = useState(String(profile?.keyReservePercent ?? 5));

  const done = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.profiles.list.queryKey() });
    router.push('/profiles');
  };
  const create = useMutation(trpc.profiles.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.profiles.update.mutationOptions({ onSuccess: done }));
  const mutation = profile ? update : create;

  const providerIds = [
    ...new Set([...catalog.providers.map((p) => p.id), ...(credentials.data ?? []).map((c) => c.provider)]),
  ];
  const set = (phase: Phase, patch: Partial<PhaseDraft>) =>
    setPhases({ ...phases, [phase]: { ...phases[phase], ...patch } });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name: name.trim(),
      description: description.trim(),
      defaultProvider: defaultProvider || null,
      keyWaitMaxSeconds: Number(keyWaitMax),
      keyReservePercent: Number(keyReserve),
      phases: Object.fromEntries(
        catalog.phases.map((phase) => {
          const p = phases[phase];
          return [
            phase,
            {
              provider: p.provider,
              model: p.model.trim(),
              thinking: p.thinking,
              credentialId: p.credentialId || null,
              fallbacks: p.fallbacks
                .filter((f) => f.provider && f.model.trim())
                .map((f) => ({ ...f, model: f.model.trim() })),
            },
          ];
        }),
      ),
    };
    if (profile) update.mutate({ id: profile.id, profile: body });
    else create.mutate(body);
  };
  const issues = inputIssuesOf(mutation.error);

  return (
    <form onSubmit={submit} aria-label="Agent profile" className="space-y-6">
      <Card>
        <CardHeader title="Profile" />
        <CardBody className="grid grid-cols-1 gap-4 md:grid-cols-2">
          <Field label="Name" htmlFor="profile-name">
            <Input
              id="profile-name"
              required
              maxLength={100}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </Field>
          <Field
            label="Default provider"
            htmlFor="profile-default-provider"
            hint="For phases the profile does not route."
          >
            <NativeSelect
              id="profile-default-provider"
              value={defaultProvider}
              onChange={(e) => setDefaultProvider(e.target.value)}
            >
              <option value="">None (team default)</option>
              {providerIds.map((id) => (
                <option key={id} value={id}>
                  {catalog.provider(id)?.label ?? id}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <Field label="Description" htmlFor="profile-description" className="md:col-span-2">
            <Textarea
              id="profile-description"
              rows={2}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          </Field>
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="Key pools"
          description="When a provider has several team keys, workers use the default first, then by position, and leave a key that hits a limit until it resets."
        />
        <CardBody className="grid grid-cols-1 gap-4 md:grid-cols-2">
          <Field
            label="Longest wait for a key (seconds)"
            htmlFor="profile-key-wait-max"
            hint="0–86400. When every key of a provider rests: wait for the earliest reset if it is at most this far away, else use the phase's fallback, else block."
          >
            <Input
              id="profile-key-wait-max"
              type="number"
              inputMode="numeric"
              min={0}
              max={86400}
              step={1}
              required
              value={keyWaitMax}
              onChange={(e) => setKeyWaitMax(e.target.value)}
            />
          </Field>
          <Field
            label="Key reserve (%)"
            htmlFor="profile-key-reserve"
            hint="0–50. Move off a key once the remaining requests or tokens its provider reports fall below this share of its limit."
          >
            <Input
              id="profile-key-reserve"
              type="number"
              inputMode="numeric"
              min={0}
              max={50}
              step={1}
              required
              value={keyReserve}
              onChange={(e) => setKeyReserve(e.target.value)}
            />
          </Field>
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="Phases"
          description="Aliases (opus, sonnet, haiku) resolve per provider: opus on Z.AI is glm-4.7."
        />
        <CardBody className="space-y-5">
          {catalog.phases.map((phase) => {
            const p = phases[phase];
            const models = [...catalog.aliases, ...(catalog.provider(p.provider)?.models ?? [])];
            const creds = (credentials.data ?? []).filter((c) => c.provider === p.provider);
            return (
              <fieldset
                key={phase}
                className="rounded-md border border-slate-200 p-4"
                data-testid={`profile-phase-${phase}`}
              >
                <legend className="px-1 text-sm font-semibold capitalize">
                  {phase === 'qa' ? 'QA' : phase}
                </legend>
                <div className="grid grid-cols-1 gap-3 md:grid-cols-4">
                  <Field label="Provider" htmlFor={`${phase}-provider`}>
                    <NativeSelect
                      id={`${phase}-provider`}
                      value={p.provider}
                      onChange={(e) => set(phase, { provider: e.target.value, credentialId: '' })}
                    >
                      {providerIds.map((id) => (
                        <option key={id} value={id}>
                          {catalog.provider(id)?.label ?? id} ({id})
                        </option>
                      ))}
                    </NativeSelect>
                  </Field>
                  <Field label="Model" htmlFor={`${phase}-model`}>
                    <Input
                      id={`${phase}-model`}
                      list={`${phase}-models`}
                      required
                      value={p.model}
                      onChange={(e) => set(phase, { model: e.target.value })}
                    />
                    <datalist id={`${phase}-models`}>
                      {[...new Set(models)].map((m) => (
                        <option key={m} value={m} />
                      ))}
                    </datalist>
                  </Field>
                  <Field label="Thinking" htmlFor={`${phase}-thinking`}>
                    <NativeSelect
                      id={`${phase}-thinking`}
                      value={p.thinking}
                      onChange={(e) => set(phase, { thinking: e.target.value as Thinking })}
                    >
                      {catalog.thinkingLevels.map((level) => (
                        <option key={level} value={level}>
                          {level}
                        </option>
                      ))}
                    </NativeSelect>
                  </Field>
                  <Field label="Credential" htmlFor={`${phase}-credential`}>
                    <NativeSelect
                      id={`${phase}-credential`}
                      value={p.credentialId}
                      onChange={(e) => set(phase, { credentialId: e.target.value })}
                    >
                      <option value="">Team default</option>
                      {creds.map((c) => (
                        <option key={c.id} value={c.id}>
                          {c.label} ({c.masked})
                        </option>
                      ))}
                    </NativeSelect>
                  </Field>
                </div>
                <div className="mt-3 space-y-2">
                  {p.fallbacks.map((f, i) => (
                    <div key={i} className="flex items-center gap-2">
                      <span className="w-20 text-xs text-slate-500">fallback {i + 1}</span>
                      <NativeSelect
                        aria-label={`${phase} fallback ${i + 1} provider`}
                        className="max-w-48"
                        value={f.provider}
                        onChange={(e) =>
                          set(phase, {
                            fallbacks: p.fallbacks.map((x, j) =>
                              j === i ? { ...x, provider: e.target.value } : x,
                            ),
                          })
                        }
                      >
                        {providerIds.map((id) => (
                          <option key={id} value={id}>
                            {id}
                          </option>
                        ))}
                      </NativeSelect>
                      <Input
                        aria-label={`${phase} fallback ${i + 1} model`}
                        className="max-w-56"
                        value={f.model}
                        onChange={(e) =>
                          set(phase, {
                            fallbacks: p.fallbacks.map((x, j) =>
                              j === i ? { ...x, model: e.target.value } : x,
                            ),
                          })
                        }
                      />
                      <Button
                        type="button"
                        variant="ghost"
                        size="sm"
                        onClick={() => set(phase, { fallbacks: p.fallbacks.filter((_, j) => j !== i) })}
                      >
                        Remove
                      </Button>
                    </div>
                  ))}
                  {p.fallbacks.length < 5 && (
                    <Button
                      type="button"
                      variant="link"
                      size="sm"
                      className="px-0"
                      onClick={() =>
                        set(phase, { fallbacks: [...p.fallbacks, { provider: p.provider, model: '' }] })
                      }
                    >
                      + Add a fallback
                    </Button>
                  )}
                </div>
              </fieldset>
            );
          })}
        </CardBody>
      </Card>
      {mutation.isError && (
        <Alert tone="error">
          {issues.length > 0 ? issues.map((i) => <p key={i}>{i}</p>) : mutation.error.message}
        </Alert>
      )}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="outline" onClick={() => router.push('/profiles')}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : profile ? 'Save profile' : 'Create profile'}
        </Button>
      </div>
    </form>
  );
}

'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useCatalog } from '@/components/shell/catalog-context';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { ErrorState, Loading } from '@/components/ui/states';
import type { ProviderOption } from '@/lib/provider-catalog-types';
import { useTRPC } from '@/trpc/react';
import { CredentialDialog } from './credential-dialog';
import { CredentialRow } from './credential-row';

export function IntegrationsPage() {
  const trpc = useTRPC();
  const catalog = useCatalog();
  const credentials = useQuery(trpc.credentials.list.queryOptions());
  const current = useQuery(trpc.teams.current.queryOptions());
  const isAdmin = current.data?.role === 'owner' || current.data?.role === 'admin';
  const [adding, setAdding] = useState<ProviderOption | null | 'custom'>(null);

  const teamCustom = [...new Set((credentials.data ?? []).map((c) => c.provider))]
    .filter((id) => !catalog.provider(id))
    .map(
      (id): ProviderOption => ({
        id,
        label: id,
        protocol: 'openai-chat',
        defaultBaseUrl: null,
        keyEnvNames: [],
        needsCredential: true,
        custom: true,
        models: [],
      }),
    );
  const providers = [...catalog.providers, ...teamCustom];

  return (
    <div>
      <PageHeader
        title="Integrations"
        description="Provider credentials shared by the team. A phase uses its profile's credential, else the provider's pool of team keys (the default first, then by position; a key resting after a provider limit is skipped until it resets), else the worker's environment."
        actions={
          <Button variant="outline" onClick={() => setAdding('custom')}>
            Add a custom provider
          </Button>
        }
      />
      {credentials.isPending ? (
        <Loading label="Loading credentials…" />
      ) : credentials.isError ? (
        <ErrorState
          title="Credentials could not be loaded."
          error={credentials.error}
          onRetry={() => credentials.refetch()}
        />
      ) : (
        <div className="space-y-4">
          {providers.map((provider) => {
            // Listed by the API in pool order: the default first, then by position, then creation.
            const mine = credentials.data.filter((c) => c.provider === provider.id);
            return (
              <Card key={provider.id} data-testid={`provider-${provider.id}`}>
                <CardHeader
                  title={
                    <span className="flex items-center gap-2">
                      {provider.label}{' '}
                      <span className="font-mono text-xs font-normal text-slate-400">{provider.id}</span>
                    </span>
                  }
                  description={
                    provider.custom && !provider.needsCredential
                      ? `Declared by the operator at ${provider.defaultBaseUrl ?? '(no base URL)'}; no key needed.`
                      : provider.keyEnvNames.length > 0
                        ? `${provider.protocol} · or set ${provider.keyEnvNames.join(' / ')} on the worker`
                        : provider.protocol
                  }
                  actions={
                    provider.needsCredential || mine.length > 0 ? (
                      <Button variant="outline" size="sm" onClick={() => setAdding(provider)}>
                        Add credential
                      </Button>
                    ) : null
                  }
                />
                {mine.length === 0 ? (
                  <p className="px-5 py-3 text-sm text-slate-500">
                    {provider.needsCredential ? 'No credential yet.' : 'Ready to use.'}
                  </p>
                ) : (
                  <ol className="divide-y divide-slate-100" aria-label={`${provider.label} key pool`}>
                    {mine.map((c, i) => (
                      <CredentialRow key={c.id} credential={c} place={i + 1} isAdmin={isAdmin} />
                    ))}
                  </ol>
                )}
              </Card>
            );
          })}
        </div>
      )}
      {adding !== null && (
        <CredentialDialog provider={adding === 'custom' ? null : adding} onClose={() => setAdding(null)} />
      )}
    </div>
  );
}

'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { Input } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { PageHeader } from '@/components/ui/page-header';
import { Alert, EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { Table, Td, Th } from '@/components/ui/table';
import { formatDateTime } from '@/lib/format';
import { useTRPC } from '@/trpc/react';

export function ApiKeysPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
  const create = useMutation(trpc.apiKeys.create.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions({ onSuccess: refresh }));
  const [name, setName] = useState('');
  const [days, setDays] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, expiresInDays: days ? Number(days) : null }, { onSuccess: () => setName('') });
  };

  return (
    <div>
      <PageHeader
        title="API keys"
        description="For the switchyard CLI and scripts: a key acts as you, within this team only."
      />
      {create.data && (
        <div className="mb-6" data-testid="new-api-key">
          <Alert tone="success">
            <p className="font-medium">Copy the key “{create.data.name}” now: it is not shown again.</p>
            <code className="mt-2 block rounded bg-white px-2 py-1.5 font-mono text-sm break-all text-slate-900 ring-1 ring-emerald-200">
              {create.data.key}
            </code>
            <p className="mt-2 text-xs">
              <span className="font-mono">
                switchyard login --url {typeof window === 'undefined' ? '' : window.location.origin} --api-key
                …
              </span>
            </p>
          </Alert>
        </div>
      )}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div>
          {keys.isPending ? (
            <Loading label="Loading keys…" />
          ) : keys.isError ? (
            <ErrorState
              title="API keys could not be loaded."
              error={keys.error}
              onRetry={() => keys.refetch()}
            />
          ) : keys.data.length === 0 ? (
            <EmptyState title="No API keys yet">Create one to use the CLI or script the API.</EmptyState>
          ) : (
            <Table data-testid="api-keys-table">
              <thead>
                <tr>
                  <Th>Name</Th>
                  <Th>Key</Th>
                  <Th>Created</Th>
                  <Th>Last used</Th>
                  <Th>Expires</Th>
                  <Th />
                </tr>
              </thead>
              <tbody>
                {keys.data.map((k) => (
                  <tr key={k.id} className={k.enabled ? '' : 'text-slate-400'}>
                    <Td className="font-medium">{k.name}</Td>
                    <Td className="font-mono text-xs">{k.start ? `${k.start}…` : `${k.prefix ?? ''}…`}</Td>
                    <Td>{formatDateTime(k.createdAt)}</Td>
                    <Td>{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : 'never'}</Td>
                    <Td>{k.expiresAt ? formatDateTime(k.expiresAt) : 'never'}</Td>
                    <Td className="text-right">
                      {k.enabled ? (
                        <ConfirmButton
                          question={`Revoke “${k.name}”? Scripts using it stop working at once.`}
                          pending={revoke.isPending}
                          onConfirm={() => revoke.mutate({ id: k.id })}
                        >
                          Revoke
                        </ConfirmButton>
                      ) : (
                        <Badge>revoked</Badge>
                      )}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
          {revoke.isError && (
            <div className="mt-3">
              <Alert tone="error">{revoke.error.message}</Alert>
            </div>
          )}
        </div>
        <Card>
          <CardHeader title="Create a key" />
          <CardBody>
            <form className="space-y-3" onSubmit={submit} aria-label="Create an API key">
              <Field label="Name" htmlFor="key-name" hint="Where it is used, e.g. “CI” or “laptop”.">
                <Input
                  id="key-name"
                  required
                  maxLength={100}
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                />
              </Field>
              <Field label="Expires after (days, optional)" htmlFor="key-days">
                <Input
                  id="key-days"
                  type="number"
                  min={1}
                  max={3650}
                  value={days}
                  onChange={(e) => setDays(e.target.value)}
                />
              </Field>
              {create.isError && <Alert tone="error">{create.error.message}</Alert>}
              <Button type="submit" variant="primary" className="w-full" disabled={create.isPending}>
                {create.isPending ? 'Creating…' : 'Create key'}
              </Button>
            </form>
          </CardBody>
        </Card>
      </div>
    </div>
  );
}

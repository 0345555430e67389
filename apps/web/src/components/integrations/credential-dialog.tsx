'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import type { ProviderOption } from '@/lib/provider-catalog-types';
import { inputIssuesOf } from '@/trpc/errors';
import { useTRPC } from '@/trpc/react';
import { CredentialFormFooter, PoolFields, ProtocolField } from './credential-form-parts';

/**
 * Adds a credential for a provider (or a custom one when `provider` is null). The key is a
 * write-only field: it goes to the server once and only `…last4` ever comes back.
 */
export function CredentialDialog({
  provider,
  onClose,
}: {
  provider: ProviderOption | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(
    trpc.credentials.create.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.credentials.list.queryKey() });
        onClose();
      },
    }),
  );
  const [providerId, setProviderId] = useState(provider?.id ?? '');
  const [label, setLabel] = useState('');
  const [secret, setSecret] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [protocol, setProtocol] = useState(provider?.protocol ?? 'openai-chat');
  const [position, setPosition] = useState('0');
  const [weight, setWeight] = useState('1');
  const custom = provider === null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({
      provider: providerId.trim(),
      label: label.trim() || null,
      secret,
      baseUrl: baseUrl.trim() || null,
      protocol: protocol as 'anthropic-messages' | 'openai-chat',
      position: Number(position),
      weight: Number(weight),
    });
  };
  const issues = inputIssuesOf(create.error);
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={custom ? 'Add a custom provider' : `Add a ${provider.label} credential`}
      description="The key is encrypted at rest and never shown again: the dashboard only lists its last four characters."
    >
      <form className="space-y-3" onSubmit={submit} aria-label="Credential">
        {custom && (
          <Field label="Provider id" htmlFor="cred-provider" hint="A name of your own, e.g. my-vllm.">
            <Input
              id="cred-provider"
              required
              value={providerId}
              onChange={(e) => setProviderId(e.target.value)}
            />
          </Field>
        )}
        <Field label="Label" htmlFor="cred-label" hint="Optional, e.g. “Team key” or “Coding plan”.">
          <Input id="cred-label" value={label} onChange={(e) => setLabel(e.target.value)} />
        </Field>
        <Field label="API key" htmlFor="cred-secret">
          <Input
            id="cred-secret"
            type="password"
            autoComplete="off"
            required
            minLength={4}
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
        </Field>
        <Field
          label="Base URL"
          htmlFor="cred-base-url"
          hint={
            provider?.defaultBaseUrl
              ? `Leave empty for ${provider.defaultBaseUrl}`
              : 'Required for a custom provider.'
          }
        >
          <Input
            id="cred-base-url"
            type="url"
            placeholder={provider?.defaultBaseUrl ?? 'https://…'}
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.target.value)}
          />
        </Field>
        <ProtocolField
          id="cred-protocol"
          value={protocol}
          onChange={setProtocol}
          hint="Z.AI also serves an Anthropic-compatible endpoint."
        />
        <PoolFields
          idPrefix="cred"
          position={position}
          weight={weight}
          onPosition={setPosition}
          onWeight={setWeight}
        />
        <CredentialFormFooter
          error={create.isError ? create.error : null}
          issues={issues}
          pending={create.isPending}
          submitLabel="Save credential"
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}

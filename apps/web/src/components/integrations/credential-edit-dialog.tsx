'use client';

import type { AppRouter } from '@switchyard/api';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { type FormEvent, useState } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { inputIssuesOf } from '@/trpc/errors';
import { useTRPC } from '@/trpc/react';
import { CredentialFormFooter, PoolFields, ProtocolField } from './credential-form-parts';

type Credential = inferRouterOutputs<AppRouter>['credentials']['list'][number];

/**
 * Edits a credential in place: a rotated or rejected key is replaced without deleting the credential,
 * so profiles that name it keep working. The key field is write-only and empty by default: left empty,
 * the stored key stays.
 */
export function CredentialEditDialog({
  credential,
  onSaved,
  onClose,
}: {
  credential: Credential;
  /** After a successful save, before the dialog closes. */
  onSaved: () => void;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const update = useMutation(
    trpc.credentials.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.credentials.list.queryKey() });
        onSaved();
        onClose();
      },
    }),
  );
  const [label, setLabel] = useState(credential.label);
  const [secret, setSecret] = useState('');
  const [baseUrl, setBaseUrl] = useState(credential.baseUrl ?? '');
  const [protocol, setProtocol] = useState<string>(credential.protocol);
  const [position, setPosition] = useState(String(credential.position));
  const [weight, setWeight] = useState(String(credential.weight));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({
      id: credential.id,
      label: label.trim() || credential.label,
      baseUrl: baseUrl.trim() || null,
      protocol: protocol as 'anthropic-messages' | 'openai-chat',
      position: Number(position),
      weight: Number(weight),
      ...(secret ? { secret } : {}),
    });
  };
  const issues = inputIssuesOf(update.error);
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={`Edit “${credential.label}”`}
      description={`The current key ends in ${credential.masked}. Enter a new one to replace it; leave the field empty to keep it.`}
    >
      <form className="space-y-3" onSubmit={submit} aria-label="Edit credential">
        <Field label="Label" htmlFor="cred-edit-label">
          <Input id="cred-edit-label" required value={label} onChange={(e) => setLabel(e.target.value)} />
        </Field>
        <Field label="New API key" htmlFor="cred-edit-secret" hint="Empty: keep the current key.">
          <Input
            id="cred-edit-secret"
            type="password"
            autoComplete="off"
            minLength={4}
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
        </Field>
        <Field label="Base URL" htmlFor="cred-edit-base-url" hint="Empty: the provider's default.">
          <Input
            id="cred-edit-base-url"
            type="url"
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.target.value)}
          />
        </Field>
        <ProtocolField id="cred-edit-protocol" value={protocol} onChange={setProtocol} />
        <PoolFields
          idPrefix="cred-edit"
          position={position}
          weight={weight}
          onPosition={setPosition}
          onWeight={setWeight}
        />
        {credential.rest && (
          <p className="text-xs text-amber-800">
            {credential.rest.until === null
              ? "Saving ends this key's rest: workers use it again at once."
              : "A new secret, base URL or protocol ends this key's rest; other changes keep it."}
          </p>
        )}
        <CredentialFormFooter
          error={update.isError ? update.error : null}
          issues={issues}
          pending={update.isPending}
          submitLabel="Save changes"
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}

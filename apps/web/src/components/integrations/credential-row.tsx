'use client';

import type { AppRouter } from '@switchyard/api';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { Alert } from '@/components/ui/states';
import { formatDateTime } from '@/lib/format';
import { quotaText, restUntil, restWhy } from '@/lib/key-pool';
import { useTRPC } from '@/trpc/react';
import { CredentialEditDialog } from './credential-edit-dialog';

type Credential = inferRouterOutputs<AppRouter>['credentials']['list'][number];

interface Check {
  ok: boolean;
  model: string;
  baseUrl: string;
  latencyMs: number;
  toolCallWorks: boolean;
  usageReported: boolean;
  error: { class: string; message: string; httpStatus: number | null; providerCode: string | null } | null;
}

function asCheck(value: unknown): Check | null {
  return value && typeof value === 'object' && 'ok' in value ? (value as Check) : null;
}

/**
 * One credential: its place in the provider's pool, masked key, base URL, protocol, default flag,
 * whether it rests after a provider limit (and until when), the capacity its last response reported,
 * and the last "Test connection".
 */
export function CredentialRow({
  credential,
  place,
  isAdmin,
}: {
  credential: Credential;
  /** 1-based place in the provider's pool (the order workers use the keys in). */
  place: number;
  isAdmin: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.credentials.list.queryKey() });
  const test = useMutation(trpc.credentials.test.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.credentials.delete.mutationOptions({ onSuccess: refresh }));
  const makeDefault = useMutation(trpc.credentials.update.mutationOptions({ onSuccess: refresh }));
  const clearRest = useMutation(trpc.credentials.clearRest.mutationOptions({ onSuccess: refresh }));
  const rest = credential.rest;
  const remaining = quotaText(credential.quota);
  const check = asCheck(test.data?.check ?? credential.lastCheckResult);
  const [editing, setEditing] = useState(false);

  return (
    <li className="px-5 py-3" data-testid="credential" data-credential-id={credential.id}>
      {editing && (
        <CredentialEditDialog
          credential={credential}
          // A check of the old key or URL says nothing about the new one: forget it.
          onSaved={() => test.reset()}
          onClose={() => setEditing(false)}
        />
      )}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
            <span
              className="font-mono text-xs font-normal text-slate-400"
              title="Place in the pool: the order workers use the keys in"
            >
              #{place}
            </span>
            {credential.label}
            <span className="font-mono text-xs text-slate-500" data-testid="credential-masked">
              {credential.masked}
            </span>
            {credential.isDefault && (
              <Badge className="bg-indigo-50 text-indigo-700 ring-indigo-200">default</Badge>
            )}
            {rest && (
              <span
                role="status"
                data-testid="credential-rest"
                title={rest.untilFrom ? `Until from: ${rest.untilFrom}` : undefined}
                className="inline-flex items-center rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-inset ring-amber-200"
              >
                {restUntil(rest)} — {restWhy(rest)}
              </span>
            )}
          </p>
          <p className="mt-0.5 font-mono text-xs text-slate-500" data-testid="credential-pool">
            position {credential.position} · weight {credential.weight} · {credential.protocol} ·{' '}
            {credential.baseUrl ?? 'default base URL'}
          </p>
          {remaining && (
            <p className="mt-0.5 text-xs text-slate-500" data-testid="credential-quota">
              Remaining: {remaining}
              {credential.quota?.observedAt && (
                <span className="text-slate-400">
                  {' '}
                  (reported {formatDateTime(credential.quota.observedAt)})
                </span>
              )}
            </p>
          )}
        </div>
        <div className="flex gap-2">
          {rest && isAdmin && (
            <Button
              variant="outline"
              size="sm"
              disabled={clearRest.isPending}
              onClick={() => clearRest.mutate({ id: credential.id })}
              aria-label={`Clear the rest of ${credential.label}`}
            >
              {clearRest.isPending ? 'Clearing…' : 'Clear rest'}
            </Button>
          )}
          {!credential.isDefault && (
            <Button
              variant="ghost"
              size="sm"
              onClick={() => makeDefault.mutate({ id: credential.id, isDefault: true })}
            >
              Make default
            </Button>
          )}
          <Button variant="ghost" size="sm" onClick={() => setEditing(true)}>
            Edit
          </Button>
          <Button
            variant="outline"
            size="sm"
            disabled={test.isPending}
            onClick={() => test.mutate({ id: credential.id })}
          >
            {test.isPending ? 'Testing…' : 'Test connection'}
          </Button>
          <ConfirmButton
            question={`Delete the credential "${credential.label}"?`}
            pending={remove.isPending}
            onConfirm={() => remove.mutate({ id: credential.id })}
          >
            Delete
          </ConfirmButton>
        </div>
      </div>
      {check && (
        <div
          data-testid="probe-result"
          data-ok={check.ok}
          className={`mt-2 rounded-md border px-3 py-2 text-xs ${check.ok ? 'border-emerald-200 bg-emerald-50 text-emerald-900' : 'border-red-200 bg-red-50 text-red-800'}`}
        >
          <p className="font-medium">
            {check.ok ? 'Connected' : 'Connection failed'} · {check.model} · {Math.round(check.latencyMs)} ms
            {credential.lastCheckedAt && !test.data && (
              <span className="font-normal text-slate-500">
                {' '}
                · checked {formatDateTime(credential.lastCheckedAt)}
              </span>
            )}
          </p>
          {check.ok ? (
            <p className="mt-0.5">
              reachable, authenticated · tool calling{' '}
              {check.toolCallWorks ? 'works' : 'did not answer with a tool call'} · streaming usage{' '}
              {check.usageReported ? 'reported' : 'not reported'}
            </p>
          ) : (
            check.error && (
              <p className="mt-0.5">
                {check.error.class}
                {check.error.httpStatus
                  ? ` (HTTP ${check.error.httpStatus}${check.error.providerCode ? `, code ${check.error.providerCode}` : ''})`
                  : ''}
                : {check.error.message}
              </p>
            )
          )}
        </div>
      )}
      {(test.error ?? remove.error ?? makeDefault.error ?? clearRest.error) && (
        <div className="mt-2">
          <Alert tone="error">
            {(test.error ?? remove.error ?? makeDefault.error ?? clearRest.error)?.message}
          </Alert>
        </div>
      )}
    </li>
  );
}

'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { Alert } from '@/components/ui/states';
import { errorMessage, inputIssuesOf } from '@/trpc/errors';
import { useTRPC } from '@/trpc/react';

/**
 * The team's WebSearch backend: a SearXNG instance the worker queries for the agents. Without one
 * the WebSearch tool is not offered. Admins set or clear it; the API's validation message is shown.
 */
export function WebSearchCard({ url, isAdmin }: { url: string | null; isAdmin: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(url ?? '');
  const save = useMutation(
    trpc.teams.updateSettings.mutationOptions({
      onSuccess: (settings) => {
        setDraft(settings.webSearch?.url ?? '');
        return queryClient.invalidateQueries({ queryKey: trpc.teams.current.queryKey() });
      },
    }),
  );
  const issues = inputIssuesOf(save.error).map((issue) => issue.replace(/^webSearch\.url: /, ''));
  const problem = save.isError ? (issues.length > 0 ? issues.join('\n') : errorMessage(save.error)) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = draft.trim();
    save.mutate({ webSearch: trimmed ? { kind: 'searxng', url: trimmed } : null });
  };
  const clear = () => save.mutate({ webSearch: null });

  return (
    <Card data-testid="web-search-settings">
      <CardHeader
        title="Web search"
        description={
          <>
            The agents&apos; WebSearch tool queries a{' '}
            <a className="underline" href="https://docs.searxng.org/" target="_blank" rel="noreferrer">
              SearXNG
            </a>{' '}
            instance (with the JSON format enabled) from the worker. Without one, WebSearch is not offered.
          </>
        }
      />
      <CardBody>
        <form className="space-y-3" onSubmit={submit} aria-label="Web search">
          <Field
            label="SearXNG URL"
            htmlFor="web-search-url"
            error={problem}
            hint={
              url
                ? `Agents search through ${url}.`
                : 'Not set: agents have no WebSearch tool. Example: https://search.example.com'
            }
          >
            <Input
              id="web-search-url"
              type="text"
              inputMode="url"
              placeholder="https://search.example.com"
              className="font-mono text-sm"
              value={draft}
              disabled={!isAdmin}
              onChange={(e) => setDraft(e.target.value)}
            />
          </Field>
          {isAdmin ? (
            <div className="flex gap-2">
              <Button
                type="submit"
                variant="primary"
                disabled={save.isPending || draft.trim() === (url ?? '')}
              >
                {save.isPending ? 'Saving…' : 'Save'}
              </Button>
              {url && (
                <Button type="button" variant="ghost" disabled={save.isPending} onClick={clear}>
                  Remove
                </Button>
              )}
            </div>
          ) : (
            <p className="text-xs text-slate-500">Changing the search backend needs the admin role.</p>
          )}
          {save.isSuccess && !save.isPending && (
            <Alert tone="success">
              {save.data.webSearch
                ? `Saved: agents search through ${save.data.webSearch.url}.`
                : 'Removed: no WebSearch.'}
            </Alert>
          )}
        </form>
      </CardBody>
    </Card>
  );
}

'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { useTRPC } from '@/trpc/react';

const parse = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((host) => host.trim())
    .filter(Boolean);

/**
 * The hosts a project's sandboxed commands may reach through the worker's proxy, edited in place
 * (comma- or space-separated). Empty, the default, means no network. Admins only: the API says so
 * to anyone else.
 */
export function NetworkAllowCell({ projectId, hosts }: { projectId: string; hosts: string[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(hosts.join(', '));
  const update = useMutation(
    trpc.projects.updateSettings.mutationOptions({
      onSuccess: (project) => {
        setDraft(project.networkAllow.join(', '));
        return queryClient.invalidateQueries({ queryKey: trpc.projects.list.queryKey() });
      },
    }),
  );
  const changed = parse(draft).join(',') !== hosts.join(',');
  const save = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ id: projectId, networkAllow: parse(draft) });
  };
  return (
    <form className="flex items-center gap-2" onSubmit={save} aria-label="Network allow list">
      <Input
        aria-label="Network allow list"
        data-testid="project-network-allow"
        className="font-mono text-xs"
        placeholder="none: no network"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
      />
      {changed && (
        <Button type="submit" size="sm" disabled={update.isPending}>
          Save
        </Button>
      )}
      {update.isError && <span className="text-xs text-red-700">{update.error.message}</span>}
    </form>
  );
}

'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { useTRPC } from '@/trpc/react';

/**
 * A project's check command (the tests QA runs in the worktree), edited in place: empty means
 * none, which the QA step then says.
 */
export function CheckCommandCell({ projectId, command }: { projectId: string; command: string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(command ?? '');
  const update = useMutation(
    trpc.projects.update.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.projects.list.queryKey() }),
    }),
  );
  const changed = draft.trim() !== (command ?? '');
  const save = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ id: projectId, checkCommand: draft.trim() || null });
  };
  return (
    <form className="flex items-center gap-2" onSubmit={save} aria-label="Check command">
      <Input
        aria-label="Check command"
        data-testid="project-check-command"
        className="font-mono text-xs"
        placeholder="none: QA runs no tests"
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

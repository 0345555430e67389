'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input, Textarea } from '@/components/ui/input';
import { inputIssuesOf } from '@/trpc/errors';
import { useTRPC } from '@/trpc/react';

const patternsOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/**
 * How far a project's agents may go: the review rounds before QA hands the task to a human, and
 * the Bash allow list (one regular expression a line, each matching a whole command; empty: any
 * command the worker's policy allows). Admins only: the API says so to anyone else.
 */
export function AgentLimitsCell({
  projectId,
  maxQaIterations,
  bashAllow,
}: {
  projectId: string;
  maxQaIterations: number;
  bashAllow: string[] | null;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [rounds, setRounds] = useState(String(maxQaIterations));
  const [patterns, setPatterns] = useState((bashAllow ?? []).join('\n'));
  const update = useMutation(
    trpc.projects.updateSettings.mutationOptions({
      onSuccess: (project) => {
        setRounds(String(project.maxQaIterations));
        setPatterns((project.bashAllow ?? []).join('\n'));
        return queryClient.invalidateQueries({ queryKey: trpc.projects.list.queryKey() });
      },
    }),
  );
  const draftPatterns = patternsOf(patterns);
  const changed =
    rounds.trim() !== String(maxQaIterations) || draftPatterns.join('\n') !== (bashAllow ?? []).join('\n');
  const save = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({
      id: projectId,
      maxQaIterations: Number(rounds.trim()),
      bashAllow: draftPatterns.length > 0 ? draftPatterns : null,
    });
  };
  const issues = inputIssuesOf(update.error);
  return (
    <form className="space-y-2" onSubmit={save} aria-label="Agent limits">
      <div className="flex items-center gap-2 text-xs text-slate-600">
        <label htmlFor={`qa-rounds-${projectId}`}>QA rounds</label>
        <Input
          id={`qa-rounds-${projectId}`}
          aria-label="QA review rounds"
          data-testid="project-qa-rounds"
          type="number"
          min={1}
          max={20}
          className="w-16 text-xs"
          value={rounds}
          onChange={(e) => setRounds(e.target.value)}
        />
      </div>
      <Textarea
        aria-label="Bash allow list"
        data-testid="project-bash-allow"
        className="min-h-12 font-mono text-xs"
        placeholder={'any command\n(e.g. npm (test|run \\S+))'}
        value={patterns}
        onChange={(e) => setPatterns(e.target.value)}
      />
      {changed && (
        <Button type="submit" size="sm" disabled={update.isPending}>
          Save
        </Button>
      )}
      {update.isError && (
        <div className="text-xs text-red-700">
          {issues.length > 0 ? issues.map((issue) => <p key={issue}>{issue}</p>) : update.error.message}
        </div>
      )}
    </form>
  );
}

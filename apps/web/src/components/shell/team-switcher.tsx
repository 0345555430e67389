'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { useTRPC } from '@/trpc/react';

/** The active team and the caller's role; a menu to switch when they belong to several teams. */
export function TeamSwitcher() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.teams.current.queryOptions());
  const switchTeam = useMutation(
    trpc.teams.switchActive.mutationOptions({
      // Every cached query belonged to the previous team.
      onSuccess: () => queryClient.invalidateQueries(),
    }),
  );

  if (current.isPending)
    return (
      <div role="status" className="h-12 animate-pulse rounded-md bg-slate-100" aria-label="Loading team" />
    );
  if (current.isError)
    return (
      <div className="rounded-md border border-amber-200 bg-amber-50 px-2 py-1.5 text-xs text-amber-900">
        {current.error.message}
      </div>
    );

  const { team, role, teams } = current.data;
  const summary = (
    <>
      <span className="block truncate text-sm font-medium text-slate-900" data-testid="team-name">
        {team.name}
      </span>
      <span className="block text-xs text-slate-500">{role}</span>
    </>
  );
  if (teams.length < 2)
    return <div className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2">{summary}</div>;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        data-testid="team-switcher"
        className="flex w-full items-center justify-between gap-2 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-left hover:bg-slate-100"
      >
        <span className="min-w-0">{summary}</span>
        <span aria-hidden className="text-slate-400">
          ⇅
        </span>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-56">
        <DropdownMenuLabel>Switch team</DropdownMenuLabel>
        {teams.map((t) => (
          <DropdownMenuItem
            key={t.id}
            disabled={t.id === team.id || switchTeam.isPending}
            onSelect={() => switchTeam.mutate({ teamId: t.id })}
          >
            <span className="flex-1 truncate">{t.name}</span>
            <span className="text-xs text-slate-400">{t.role}</span>
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { Input } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { PageHeader } from '@/components/ui/page-header';
import { Alert, EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { Table, Td, Th } from '@/components/ui/table';
import { inputIssuesOf } from '@/trpc/errors';
import { useTRPC } from '@/trpc/react';
import { AgentLimitsCell } from './agent-limits-cell';
import { CheckCommandCell } from './check-command-cell';
import { NetworkAllowCell } from './network-allow-cell';

export function ProjectsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const projects = useQuery(trpc.projects.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.projects.list.queryKey() });
  const create = useMutation(trpc.projects.create.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.projects.delete.mutationOptions({ onSuccess: refresh }));
  const [form, setForm] = useState({ name: '', repoPath: '', gitUrl: '', defaultBranch: 'main' });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        name: form.name,
        repoPath: form.repoPath.trim() || null,
        gitUrl: form.gitUrl.trim() || null,
        defaultBranch: form.defaultBranch.trim() || 'main',
      },
      { onSuccess: () => setForm({ name: '', repoPath: '', gitUrl: '', defaultBranch: 'main' }) },
    );
  };
  const issues = inputIssuesOf(create.error);

  return (
    <div>
      <PageHeader
        title="Projects"
        description="Repositories the team's tasks work on, each task in its own git worktree. The check command (detected when a project is added: npm test, pytest, go test, cargo test, make test) is what QA runs before it approves. Agent commands run in a sandbox with no network unless the project's network allow list names hosts (admins set it)."
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div>
          {projects.isPending ? (
            <Loading label="Loading projects…" />
          ) : projects.isError ? (
            <ErrorState
              title="Projects could not be loaded."
              error={projects.error}
              onRetry={() => projects.refetch()}
            />
          ) : projects.data.length === 0 ? (
            <EmptyState title="No projects yet">Add the repository your tasks should change.</EmptyState>
          ) : (
            <Table data-testid="projects-table">
              <thead>
                <tr>
                  <Th>Name</Th>
                  <Th>Repository</Th>
                  <Th>Base branch</Th>
                  <Th>Check command</Th>
                  <Th>Network allow list</Th>
                  <Th>Agent limits</Th>
                  <Th />
                </tr>
              </thead>
              <tbody>
                {projects.data.map((p) => (
                  <tr key={p.id}>
                    <Td className="font-medium">{p.name}</Td>
                    <Td className="font-mono text-xs break-all text-slate-600">{p.repoPath ?? p.gitUrl}</Td>
                    <Td className="font-mono text-xs">{p.defaultBranch}</Td>
                    <Td>
                      <CheckCommandCell projectId={p.id} command={p.checkCommand} />
                    </Td>
                    <Td>
                      <NetworkAllowCell projectId={p.id} hosts={p.networkAllow} />
                    </Td>
                    <Td>
                      <AgentLimitsCell
                        projectId={p.id}
                        maxQaIterations={p.maxQaIterations}
                        bashAllow={p.bashAllow}
                      />
                    </Td>
                    <Td className="text-right">
                      <ConfirmButton
                        question={`Delete the project "${p.name}"?`}
                        pending={remove.isPending}
                        onConfirm={() => remove.mutate({ id: p.id })}
                      >
                        Delete
                      </ConfirmButton>
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
          {remove.isError && (
            <div className="mt-3">
              <Alert tone="error">{remove.error.message}</Alert>
            </div>
          )}
        </div>
        <Card>
          <CardHeader title="Add a project" />
          <CardBody>
            <form className="space-y-3" onSubmit={submit} aria-label="Add a project">
              <Field label="Name" htmlFor="project-name">
                <Input
                  id="project-name"
                  required
                  value={form.name}
                  onChange={(e) => setForm({ ...form, name: e.target.value })}
                />
              </Field>
              <Field
                label="Repository path"
                htmlFor="project-path"
                hint="An absolute path on the worker's machine."
              >
                <Input
                  id="project-path"
                  placeholder="/srv/repos/app"
                  value={form.repoPath}
                  onChange={(e) => setForm({ ...form, repoPath: e.target.value })}
                />
              </Field>
              <Field label="or Git URL" htmlFor="project-url">
                <Input
                  id="project-url"
                  placeholder="https://github.com/acme/app.git"
                  value={form.gitUrl}
                  onChange={(e) => setForm({ ...form, gitUrl: e.target.value })}
                />
              </Field>
              <Field label="Base branch" htmlFor="project-branch">
                <Input
                  id="project-branch"
                  value={form.defaultBranch}
                  onChange={(e) => setForm({ ...form, defaultBranch: e.target.value })}
                />
              </Field>
              {create.isError && (
                <Alert tone="error">
                  {issues.length > 0 ? issues.map((i) => <p key={i}>{i}</p>) : create.error.message}
                </Alert>
              )}
              <Button type="submit" variant="primary" className="w-full" disabled={create.isPending}>
                {create.isPending ? 'Adding…' : 'Add project'}
              </Button>
            </form>
          </CardBody>
        </Card>
      </div>
    </div>
  );
}

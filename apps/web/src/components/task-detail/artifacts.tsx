'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import ReactMarkdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import type { TaskDetail } from '@/components/tasks/types';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { cn } from '@/lib/cn';
import { useTRPC } from '@/trpc/react';
import { DiffView } from './diff-view';

/** The task's artifacts (spec.md, implementation_plan.json, qa_report.md, …): markdown rendered, JSON pretty-printed. */
export function Artifacts({ taskId, artifacts }: { taskId: string; artifacts: TaskDetail['artifacts'] }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const name = chosen ?? artifacts.find((a) => a.name.endsWith('.md'))?.name ?? artifacts[0]?.name ?? null;
  if (!name)
    return (
      <EmptyState title="No artifacts yet">
        The spec, the plan and the QA report appear here as the phases write them.
      </EmptyState>
    );
  return (
    <div className="grid grid-cols-1 gap-4 md:grid-cols-[14rem_minmax(0,1fr)]">
      <ul className="space-y-1" aria-label="Artifacts">
        {artifacts.map((a) => (
          <li key={a.id}>
            <button
              type="button"
              onClick={() => setChosen(a.name)}
              className={cn(
                'w-full truncate rounded-md px-2 py-1.5 text-left font-mono text-xs hover:bg-slate-100',
                a.name === name && 'bg-indigo-50 text-indigo-700',
              )}
            >
              {a.name}
              <span className="ml-1 text-slate-400">{(a.size / 1024).toFixed(1)} KB</span>
            </button>
          </li>
        ))}
      </ul>
      <ArtifactContent taskId={taskId} name={name} />
    </div>
  );
}

function ArtifactContent({ taskId, name }: { taskId: string; name: string }) {
  const trpc = useTRPC();
  const artifact = useQuery(trpc.tasks.artifact.queryOptions({ taskId, name }));
  if (artifact.isPending) return <Loading label={`Loading ${name}…`} />;
  if (artifact.isError)
    return (
      <ErrorState
        title={`${name} could not be loaded.`}
        error={artifact.error}
        onRetry={() => artifact.refetch()}
      />
    );
  const { content } = artifact.data;
  return (
    <div className="min-w-0 rounded-lg border border-slate-200 bg-white p-5" data-testid="artifact-content">
      {name.endsWith('.md') ? (
        <div className="markdown">
          <ReactMarkdown remarkPlugins={[remarkGfm]}>{content}</ReactMarkdown>
        </div>
      ) : name.endsWith('.diff') || name.endsWith('.patch') ? (
        <DiffView diff={content} />
      ) : (
        <pre className="overflow-x-auto text-xs whitespace-pre-wrap">{prettyJson(content)}</pre>
      )}
    </div>
  );
}

function prettyJson(content: string): string {
  try {
    return JSON.stringify(JSON.parse(content), null, 2);
  } catch {
    return content;
  }
}

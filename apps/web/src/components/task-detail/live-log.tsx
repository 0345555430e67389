'use client';

import { useSubscription } from '@trpc/tanstack-react-query';
import { useEffect, useRef, useState } from 'react';
import type { TaskEvent } from '@/components/tasks/types';
import { cn } from '@/lib/cn';
import { formatTime } from '@/lib/format';
import { useTRPC } from '@/trpc/react';
import { describeEvent, type EventLine } from './describe-event';

const TONE: Record<EventLine['tone'], string> = {
  text: 'text-slate-100',
  muted: 'text-slate-400',
  tool: 'text-sky-300',
  result: 'text-slate-300',
  warn: 'text-amber-300',
  error: 'text-red-300',
  routing: 'text-teal-300',
};

const SHOWN = 1500;

/** The task's events as they happen, over SSE (`tasks.subscribe`); the stream ends once the task settles. */
export function LiveLog({ taskId }: { taskId: string }) {
  const trpc = useTRPC();
  const [events, setEvents] = useState<TaskEvent[]>([]);
  const seen = useRef(new Set<string>());
  const subscription = useSubscription(
    trpc.tasks.subscribe.subscriptionOptions(
      { taskId },
      {
        onData: (tracked) => {
          const event = tracked.data;
          if (seen.current.has(event.id)) return;
          seen.current.add(event.id);
          setEvents((prev) => [...prev, event]);
        },
      },
    ),
  );
  const bottom = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  useEffect(() => {
    if (follow && events.length > 0) bottom.current?.scrollIntoView({ block: 'nearest' });
  }, [events.length, follow]);

  const status =
    subscription.status === 'pending'
      ? 'live'
      : subscription.status === 'connecting'
        ? 'connecting…'
        : subscription.status === 'error'
          ? 'disconnected'
          : 'ended';
  const shown = events.slice(-SHOWN);
  return (
    <div className="overflow-hidden rounded-lg border border-slate-800 bg-slate-950" data-testid="live-log">
      <div className="flex items-center justify-between border-b border-slate-800 px-3 py-2 text-xs text-slate-400">
        <span className="flex items-center gap-2">
          <span
            className={cn(
              'size-2 rounded-full',
              status === 'live'
                ? 'animate-pulse bg-emerald-400'
                : status === 'disconnected'
                  ? 'bg-red-400'
                  : 'bg-slate-500',
            )}
          />
          <span data-testid="live-log-status">{status}</span> · {events.length} events
        </span>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          follow
        </label>
      </div>
      {subscription.status === 'error' && (
        <p className="border-b border-slate-800 px-3 py-2 text-xs text-red-300">
          {subscription.error?.message}{' '}
          <button type="button" className="underline" onClick={() => subscription.reset()}>
            Reconnect
          </button>
        </p>
      )}
      <div className="max-h-[32rem] min-h-48 overflow-y-auto px-3 py-2 font-mono text-xs leading-5">
        {events.length === 0 ? (
          <p className="py-6 text-center text-slate-500">
            {status === 'ended' ? 'No events were recorded for this task.' : 'Waiting for the first event…'}
          </p>
        ) : (
          <>
            {events.length > SHOWN && (
              <p className="text-slate-500">… {events.length - SHOWN} earlier events</p>
            )}
            {shown.map((event) => {
              const line = describeEvent(event);
              return (
                <div key={event.id} className="flex gap-2" data-testid="log-line" data-type={event.type}>
                  <span className="shrink-0 text-slate-600">{formatTime(event.at)}</span>
                  <span className="w-16 shrink-0 truncate text-slate-500" title={event.kind}>
                    {event.phase}
                  </span>
                  <span className={cn('w-28 shrink-0 truncate font-semibold', TONE[line.tone])}>
                    {line.label}
                  </span>
                  <span className={cn('min-w-0 flex-1 break-words whitespace-pre-wrap', TONE[line.tone])}>
                    {line.text.length > 4000 ? `${line.text.slice(0, 4000)}…` : line.text}
                  </span>
                </div>
              );
            })}
          </>
        )}
        <div ref={bottom} />
      </div>
    </div>
  );
}

import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';
import { errorMessage } from '@/trpc/errors';

export function Loading({ label = 'Loading…', className }: { label?: string; className?: string }) {
  return (
    <div role="status" className={cn('flex items-center gap-2 py-6 text-sm text-slate-500', className)}>
      <span className="size-4 animate-spin rounded-full border-2 border-slate-300 border-t-indigo-600" />
      {label}
    </div>
  );
}

export function EmptyState(props: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  testId?: string;
}) {
  return (
    <div
      data-testid={props.testId}
      className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center"
    >
      <p className="text-sm font-medium text-slate-800">{props.title}</p>
      {props.children && <div className="mx-auto mt-1 max-w-md text-sm text-slate-500">{props.children}</div>}
      {props.action && <div className="mt-4 flex justify-center">{props.action}</div>}
    </div>
  );
}

export function ErrorState(props: { title: string; error: unknown; onRetry?: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
      <p className="font-medium">{props.title}</p>
      <p className="mt-1 whitespace-pre-wrap">{errorMessage(props.error)}</p>
      {props.onRetry && (
        <button
          type="button"
          onClick={props.onRetry}
          className="mt-3 rounded-md border border-red-300 bg-white px-3 py-1 font-medium hover:bg-red-100"
        >
          Try again
        </button>
      )}
    </div>
  );
}

export function Alert(props: {
  tone?: 'error' | 'warning' | 'info' | 'success';
  children: ReactNode;
  testId?: string;
}) {
  const tone = {
    error: 'border-red-200 bg-red-50 text-red-800',
    warning: 'border-amber-200 bg-amber-50 text-amber-900',
    info: 'border-sky-200 bg-sky-50 text-sky-900',
    success: 'border-emerald-200 bg-emerald-50 text-emerald-800',
  }[props.tone ?? 'info'];
  return (
    <div
      role={props.tone === 'error' ? 'alert' : 'status'}
      data-testid={props.testId}
      className={cn('rounded-md border px-3 py-2 text-sm', tone)}
    >
      {props.children}
    </div>
  );
}

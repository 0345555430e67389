import { TRPCClientError } from '@trpc/client';

export interface RoutingIssue {
  phase: string;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

/** The server's own message for a failed call (what a user can act on), never a stack trace. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The routing validation issues a refused tasks.create / rerunFromPhase carries, if any. */
export function routingIssuesOf(error: unknown): RoutingIssue[] {
  if (!(error instanceof TRPCClientError)) return [];
  const data = error.data as { routingIssues?: RoutingIssue[] | null } | undefined;
  return data?.routingIssues ?? [];
}

/** Field errors of a rejected input (`zodError` from the API's error formatter), flattened to messages. */
export function inputIssuesOf(error: unknown): string[] {
  if (!(error instanceof TRPCClientError)) return [];
  const tree = (error.data as { zodError?: ZodTree | null } | undefined)?.zodError;
  if (!tree) return [];
  const out: string[] = [];
  const walk = (node: ZodTree, path: string) => {
    for (const message of node.errors ?? []) out.push(path ? `${path}: ${message}` : message);
    for (const [key, child] of Object.entries(node.properties ?? {}))
      walk(child, path ? `${path}.${key}` : key);
  };
  walk(tree, '');
  return out;
}

interface ZodTree {
  errors?: string[];
  properties?: Record<string, ZodTree>;
}

/** Whether a failed call means the caller is signed out (their session expired). */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof TRPCClientError && error.data?.code === 'UNAUTHORIZED';
}

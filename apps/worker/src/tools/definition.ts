import type { ToolOutcome } from '@switchyard/providers';
import type { z } from 'zod';
import type { CommandRunner } from '../sandbox';
import type { WorktreePaths } from './paths';

/** Limits every tool reads, with the defaults filled in. */
export interface ResolvedPolicy {
  bashTimeoutMs: number;
  outputCapBytes: number;
  bashAllow: string[] | undefined;
  /** Hosts the sandbox's proxy lets commands reach; empty: no network. */
  networkAllow: string[];
  webFetchAllowPrivate: boolean;
  webFetchTimeoutMs: number;
  webFetchMaxBytes: number;
}

export interface WebSearchResult {
  title: string;
  url: string;
  snippet: string;
}

export interface WebSearchBackend {
  search(query: string, signal: AbortSignal): Promise<WebSearchResult[]>;
}

/** What one tool call may use: the worktree's paths, the process runner, the limits, and the call's abort signal. */
export interface ToolContext {
  paths: WorktreePaths;
  policy: ResolvedPolicy;
  signal: AbortSignal;
  env: Record<string, string | undefined>;
  /** Hides credential values; tools apply it before capping so a cut never reveals part of one. */
  redact: (text: string) => string;
  webSearch: WebSearchBackend | null;
  /** Absolute path of `rg`, or null for the JS fallback. */
  ripgrep: string | null;
  /** How processes start: in the bubblewrap sandbox, or (SWITCHYARD_SANDBOX=off) on the host. */
  runner: CommandRunner;
}

export interface ToolDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  schema: S;
  run(args: z.infer<S>, context: ToolContext): Promise<ToolOutcome>;
}

export function defineTool<S extends z.ZodType>(definition: ToolDefinition<S>): ToolDefinition<S> {
  return definition;
}

export function toolError(content: string): ToolOutcome {
  return { content, isError: true };
}

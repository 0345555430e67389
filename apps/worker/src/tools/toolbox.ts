import { realpathSync } from 'node:fs';
import type { ExecuteTool, ToolOutcome, ToolSpec } from '@switchyard/providers';
import { z } from 'zod';
import { type CommandRunner, commandRunner, type SandboxSettings, SandboxUnavailableError } from '../sandbox';
import { bashTool } from './bash';
import type { ResolvedPolicy, ToolContext, ToolDefinition, WebSearchBackend } from './definition';
import { editTool } from './edit';
import { globTool } from './glob';
import { grepTool } from './grep';
import { GrepError } from './grep-match';
import { findRipgrep } from './grep-ripgrep';
import { DEFAULT_OUTPUT_CAP_BYTES } from './output-cap';
import { PathError, WorktreePaths } from './paths';
import { readTool } from './read';
import { redactValues, SECRET_ENV_KEY, secretValues } from './redact';
import { webFetchTool } from './web-fetch';
import { webSearchTool } from './web-search';
import { writeTool } from './write';

export interface ToolPolicy {
  /** Default 120_000. */
  bashTimeoutMs?: number;
  /** Default 30_000, for Read/Bash/WebFetch/Grep outputs. */
  outputCapBytes?: number;
  /** The project's allow list (regexes as strings): when set, only matching commands run. */
  bashAllow?: string[];
  /** Hosts the sandbox's proxy lets Bash reach (`registry.npmjs.org`, `*.pypi.org`); default none. */
  networkAllow?: string[];
  /** The project allows WebFetch to loopback, private and link-local addresses. */
  webFetchAllowPrivate?: boolean;
  /** Default 20_000. */
  webFetchTimeoutMs?: number;
  /** Default 1_000_000. */
  webFetchMaxBytes?: number;
}

export interface ToolboxOptions {
  /** Absolute path of the task's worktree: the only place file tools may touch. */
  worktree: string;
  /** Credential values to redact from every output. */
  secrets: string[];
  policy?: ToolPolicy;
  /** The team's search backend; without one WebSearch is not offered at all. */
  webSearch?: WebSearchBackend | null;
  /** Environment for Bash (the worker passes a scrubbed one). */
  env?: Record<string, string | undefined>;
  /** Offer only these tools (e.g. a reviewer without Write). */
  only?: string[];
  /** Grep backend: ripgrep when found on the PATH (default), or always the JS fallback. */
  grep?: 'auto' | 'js';
  /** The OS sandbox of Bash, the check command and ripgrep: on unless SWITCHYARD_SANDBOX=off. */
  sandbox?: SandboxSettings;
}

export interface Toolbox {
  specs: ToolSpec[];
  execute: ExecuteTool;
  /** "on": commands run in bubblewrap; "off": on the host (SWITCHYARD_SANDBOX=off). */
  sandbox: CommandRunner['mode'];
}

// The order the model sees them in.
const ALL_TOOLS: ToolDefinition[] = [
  readTool,
  writeTool,
  editTool,
  globTool,
  grepTool,
  bashTool,
  webFetchTool,
  webSearchTool,
] as ToolDefinition[];

export const TOOL_NAMES = ALL_TOOLS.map((t) => t.name);

// The worker's own settings are none of the agent's business (the database, its keys, its tuning).
const WORKER_ENV_KEY = /^(SWITCHYARD_|WORKER_|BETTER_AUTH_|PG[A-Z]+$)/;

function resolvePolicy(policy: ToolPolicy = {}): ResolvedPolicy {
  return {
    bashTimeoutMs: policy.bashTimeoutMs ?? 120_000,
    outputCapBytes: policy.outputCapBytes ?? DEFAULT_OUTPUT_CAP_BYTES,
    bashAllow: policy.bashAllow,
    networkAllow: policy.networkAllow ?? [],
    webFetchAllowPrivate: policy.webFetchAllowPrivate ?? false,
    webFetchTimeoutMs: policy.webFetchTimeoutMs ?? 20_000,
    webFetchMaxBytes: policy.webFetchMaxBytes ?? 1_000_000,
  };
}

function toSpec(tool: ToolDefinition): ToolSpec {
  const { $schema: _ignored, ...inputSchema } = z.toJSONSchema(tool.schema, { io: 'input' }) as Record<
    string,
    unknown
  >;
  return { name: tool.name, description: tool.description, inputSchema };
}

/** Without an env from the worker, Bash gets this process's env minus anything credential-like. */
function scrubbedProcessEnv(): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !SECRET_ENV_KEY.test(key) && !WORKER_ENV_KEY.test(key)),
  );
}

/** Stands in when no sandbox is available and no tool needs one (Grep then searches in process). */
const NO_RUNNER: CommandRunner = {
  mode: 'on',
  env: {},
  scratch: [],
  prepare: () => Promise.reject(new Error('no sandbox is available on this worker')),
};

/**
 * Bash needs the sandbox: without bubblewrap the toolbox is refused (SandboxUnavailableError names
 * the package). Read-only tools do not: Grep then uses its in-process search instead of ripgrep.
 */
function runnerFor(
  settings: SandboxSettings | undefined,
  tools: ToolDefinition[],
  options: Parameters<typeof commandRunner>[1],
): CommandRunner | null {
  try {
    return commandRunner(settings, options);
  } catch (error) {
    if (error instanceof SandboxUnavailableError && !tools.some((t) => t.name === 'Bash')) return null;
    throw error;
  }
}

/** The agent tools of one phase run, bound to one task's worktree (§5, §6.1). */
export function createToolbox(options: ToolboxOptions): Toolbox {
  const unknown = (options.only ?? []).filter((name) => !TOOL_NAMES.includes(name));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown tool name(s) in "only": ${unknown.join(', ')}. Known tools: ${TOOL_NAMES.join(', ')}`,
    );
  }
  const tools = (options.only ? ALL_TOOLS.filter((t) => options.only!.includes(t.name)) : ALL_TOOLS).filter(
    // A search tool that can only say "not configured" would cost the model a turn: leave it out.
    (t) => t !== webSearchTool || options.webSearch,
  );
  const byName = new Map(tools.map((t) => [t.name, t]));
  const paths = new WorktreePaths(realpathSync(options.worktree), options.worktree);
  const policy = resolvePolicy(options.policy);
  const env = options.env ?? scrubbedProcessEnv();
  // Values of this process's env count too: a credential the worker holds must not leak even
  // when it was kept out of the Bash env.
  const secrets = secretValues(options.secrets, { ...process.env, ...env });
  const redact = (text: string) => redactValues(text, secrets);
  const runner = runnerFor(options.sandbox, tools, {
    worktree: paths.root,
    env,
    networkAllow: policy.networkAllow,
  });
  const ripgrep = options.grep === 'js' || !runner ? null : findRipgrep(runner.env.PATH);
  const available = tools.map((t) => t.name).join(', ');

  const run = async (
    name: string,
    args: Record<string, unknown>,
    signal: AbortSignal,
  ): Promise<ToolOutcome> => {
    const tool = byName.get(name);
    if (!tool) {
      const why = TOOL_NAMES.includes(name)
        ? `${name} is not offered in this phase`
        : `unknown tool "${name}"`;
      return { content: `${why}. Available tools: ${available}.`, isError: true };
    }
    const parsed = tool.schema.safeParse(args ?? {});
    if (!parsed.success) {
      return {
        content: `invalid arguments:\n${z.prettifyError(parsed.error)}\nExpected: ${JSON.stringify(toSpec(tool).inputSchema)}`,
        isError: true,
      };
    }
    if (signal.aborted) return { content: 'cancelled before it started', isError: true };
    const context: ToolContext = {
      paths,
      policy,
      signal,
      env,
      redact,
      webSearch: options.webSearch ?? null,
      ripgrep,
      runner: runner ?? NO_RUNNER,
    };
    try {
      return await tool.run(parsed.data, context);
    } catch (error) {
      if (error instanceof PathError || error instanceof GrepError)
        return { content: error.message, isError: true };
      if (signal.aborted) return { content: 'cancelled', isError: true };
      return { content: `failed: ${(error as Error).message}`, isError: true };
    }
  };

  return {
    specs: tools.map(toSpec),
    sandbox: runner?.mode ?? 'on',
    async execute(call, { signal }) {
      const outcome = await run(call.name, call.arguments, signal);
      // Every message names its tool, and nothing leaves without redaction (errors included).
      const content =
        outcome.isError && !outcome.content.startsWith(call.name) && byName.has(call.name)
          ? `${call.name}: ${outcome.content}`
          : outcome.content;
      return { content: redact(content), ...(outcome.isError ? { isError: true } : {}) };
    },
  };
}

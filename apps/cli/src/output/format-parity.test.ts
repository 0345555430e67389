import { describe, expect, it } from 'vitest';
import type { ApiOutputs } from '../api/client';
import { findNamed } from '../flags/find-named';
import { colorsFor } from './colors';
import { formatCredentialList } from './format-credentials';
import { formatProjectLine } from './format-projects';
import { formatRequeued, requeuedOf } from './format-task-detail';
import { formatUsage } from './format-usage';

const c = colorsFor(false);
const at = new Date('2026-01-02T03:04:05Z');

describe('human output of the parity commands', () => {
  it('shows every project setting on its line, saying what an empty one means', () => {
    const project = {
      id: 'p',
      teamId: 't',
      name: 'Shop',
      repoPath: '/srv/shop',
      gitUrl: null,
      defaultBranch: 'main',
      checkCommand: null,
      networkAllow: [],
      maxQaIterations: 3,
      bashAllow: null,
      createdAt: at,
      updatedAt: at,
    } satisfies ApiOutputs['projects']['list'][number];
    expect(formatProjectLine(project)).toBe(
      'Shop  /srv/shop  (main)  check: (none: QA runs no tests)  network: (none: commands have no network)  qa cap: 3  bash allow: (no list: any command the policy allows)',
    );
    expect(formatProjectLine({ ...project, bashAllow: ['npm test', 'git status'] })).toContain(
      'bash allow: npm test, git status',
    );
  });

  it('lists credentials masked, in pool order, with their state and last test', () => {
    const credential = {
      id: 'c1',
      teamId: 't',
      provider: 'zai',
      label: 'GLM',
      protocol: 'openai-chat',
      baseUrl: null,
      masked: '…1234',
      isDefault: true,
      position: 0,
      weight: 1,
      rest: null,
      quota: null,
      lastCheckedAt: at,
      lastCheckResult: { ok: false, error: { class: 'quota' } },
      createdAt: at,
      updatedAt: at,
    } satisfies ApiOutputs['credentials']['list'][number];
    const resting = {
      ...credential,
      id: 'c2',
      label: 'GLM spare',
      masked: '…5678',
      isDefault: false,
      position: 2,
      weight: 3,
      rest: {
        since: at,
        until: new Date('2026-01-02T14:05:00Z'),
        kind: 'rate_limited' as const,
        reason: '1302: Rate limit reached',
        untilFrom: 'header',
      },
      quota: {
        requests: { limit: 600, remaining: 0, resetAt: null },
        tokens: { limit: 1_000_000, remaining: 12_000, resetAt: null },
        observedAt: at,
      },
    };
    const table = formatCredentialList([credential, resting], c, at).split('\n');
    expect(table[1]).toMatch(
      /^zai\s+1\s+GLM\s+…1234\s+yes\s+0\s+1\s+ready\s+-\s+openai-chat\s+\(provider default\)\s+quota 2026-01-02 03:04\s+c1$/,
    );
    expect(table[2]).toMatch(
      /^zai\s+2\s+GLM spare\s+…5678\s+no\s+2\s+3\s+rests until 14:05 UTC \(rate_limited: 1302: Rate limit reached\)\s+requests 0\/600 left, tokens 12,000\/1,000,000 left\s+openai-chat/,
    );
    const broke = {
      ...resting,
      rest: { ...resting.rest, until: null, kind: 'no_balance' as const, reason: 'Insufficient balance' },
    };
    expect(formatCredentialList([broke], c, at)).toContain(
      'rests until edited (no_balance: Insufficient balance)',
    );
    const tomorrow = { ...resting, rest: { ...resting.rest, until: new Date('2026-01-03T01:00:00Z') } };
    expect(formatCredentialList([tomorrow], c, at)).toContain(
      'rests until 2026-01-03 01:00 UTC (rate_limited',
    );
    expect(formatCredentialList([], c)).toContain('| switchyard credentials add');
  });

  it('sums usage by provider under the daily rows', () => {
    const point = { date: '2026-01-02', phase: 'coding' as const, inputTokens: 10, outputTokens: 5 };
    const text = formatUsage(
      {
        points: [
          { ...point, provider: 'zai', costUsd: 0.5 },
          { ...point, provider: 'zai', phase: 'qa', costUsd: 0.25 },
          { ...point, provider: 'anthropic', costUsd: 1 },
        ],
      },
      7,
      c,
    );
    expect(text).toContain('Last 7 day(s) by provider');
    expect(text).toMatch(/ {2}zai\s+20 in\s+10 out\s+\$0\.75/);
    expect(formatUsage({ points: [] }, 30, c)).toBe('No usage in the last 30 day(s).');
  });

  it('says which run a retry queued and how to follow it', () => {
    const run = {
      id: 'r1',
      phase: 'spec',
      kind: 'spec.requirements',
      iteration: 0,
      subtaskId: null,
      status: 'pending',
    };
    const requeued = requeuedOf('t1', { ...run, fencingToken: 0n } as never);
    expect(requeued).toEqual({ taskId: 't1', run });
    expect(formatRequeued(requeued, 'Retrying', c)).toBe(
      'Retrying the spec phase of task t1 (run r1, spec.requirements); the task is queued again.\nFollow it with: switchyard tasks watch t1',
    );
  });

  it('says how to create the first item when the team has none', () => {
    expect(() => findNamed([], 'Shop', 'project', 'PROJECT')).toThrow(
      expect.objectContaining({
        message: 'No project "Shop" in your team.',
        hint: 'Your team has no projects yet: create one with switchyard projects create NAME --repo-path PATH.',
      }),
    );
  });
});

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

  it('lists credentials masked, with their last test', () => {
    const credential = {
      id: 'c1',
      teamId: 't',
      provider: 'zai',
      label: 'GLM',
      protocol: 'openai-chat',
      baseUrl: null,
      masked: '…1234',
      isDefault: true,
      lastCheckedAt: at,
      lastCheckResult: { ok: false, error: { class: 'quota' } },
      createdAt: at,
      updatedAt: at,
    } satisfies ApiOutputs['credentials']['list'][number];
    const table = formatCredentialList([credential], c).split('\n');
    expect(table[1]).toMatch(
      /^zai\s+GLM\s+…1234\s+yes\s+openai-chat\s+\(provider default\)\s+quota 2026-01-02 03:04\s+c1$/,
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

import { describe, expect, it } from 'vitest';
import type { ApiOutputs } from '../api/client';
import { colorsFor } from './colors';
import { formatProvidersCheck, type ProvidersCheckReport } from './format-checks';
import { formatEvent, type TaskEvent } from './format-event';
import { formatRoutingPreview } from './format-routing';
import { formatCancel, formatTaskList, money } from './format-tasks';
import { formatTable } from './table';

const c = colorsFor(false);

const task = {
  id: '0b7f3c1e-8a7e-4b57-9a51-7a0d8f2b9c11',
  teamId: 't',
  projectId: 'p',
  projectName: 'Greeter',
  title: 'Add a README',
  status: 'blocked',
  statusReason: 'no balance',
  profileId: null,
  budgetUsd: null,
  inputTokens: 10,
  outputTokens: 5,
  cacheTokens: 0,
  costUsd: 0.0042,
  createdAt: new Date('2026-01-02T03:04:05Z'),
  updatedAt: new Date('2026-01-02T03:04:05Z'),
  finishedAt: null,
} satisfies ApiOutputs['tasks']['list']['items'][number];

describe('human output', () => {
  it('aligns columns on visible text, colours ignored', () => {
    expect(
      formatTable([
        ['a', colorsFor(true).red('bb'), 'x'],
        ['ccc', 'd', 'y'],
      ]),
    ).toBe(`a    ${colorsFor(true).red('bb')}  x\nccc  d   y`);
  });

  it('lists tasks as a table, with the next page cursor', () => {
    const text = formatTaskList({ items: [task], nextCursor: 'abc' }, c);
    expect(text.split('\n')[0]).toMatch(/^ID\s+STATUS\s+PROJECT\s+COST\s+CREATED\s+TITLE$/);
    expect(text).toContain(`${task.id}  blocked  Greeter  $0.0042  2026-01-02 03:04  Add a README`);
    expect(text).toContain('More: --cursor abc');
    expect(formatTaskList({ items: [], nextCursor: null }, c)).toMatch(/^No tasks\./);
  });

  it('prints money to the cent, small amounts to the hundredth of a cent', () => {
    expect([money(0), money(1.5), money(0.0042)]).toEqual(['$0.00', '$1.50', '$0.0042']);
  });

  it('says what a cancel did', () => {
    expect(
      formatCancel('t1', { taskCancelled: false, cancelledPendingRunIds: [], runningRunIds: [] }, c),
    ).toBe('Task t1 had already finished: nothing to cancel.');
    expect(
      formatCancel('t1', { taskCancelled: true, cancelledPendingRunIds: ['r1'], runningRunIds: ['r2'] }, c),
    ).toBe(
      'Cancelled task t1 (1 pending run(s) dropped; its worker stops 1 running phase run(s) within seconds).',
    );
  });

  it('shows per phase the provider, model, credential, why it won and the validation messages', () => {
    const phase = {
      phase: 'coding',
      provider: 'zai',
      providerLabel: 'Z.AI',
      model: 'glm-4.7',
      modelInCatalog: true,
      protocol: 'openai-chat',
      baseUrl: null,
      credential: { kind: 'missing' },
      credentialDescription: 'missing',
      thinking: { level: 'medium', budgetTokens: 0, control: 'toggle', enabled: true, notes: [] },
      fallbacks: [],
      reason: 'zai is set by task.phaseProviders.coding; earlier steps were not set',
      trace: [],
      warnings: [],
      issues: [
        {
          phase: 'coding',
          severity: 'error',
          code: 'missing_credential',
          message: 'no Z.AI API key was found',
        },
      ],
    } as unknown as ApiOutputs['routing']['preview']['phases'][number];
    const text = formatRoutingPreview(
      {
        ok: false,
        phases: [phase],
        providersUsed: ['zai'],
        errors: ['no Z.AI API key was found'],
        issues: [],
      },
      c,
    );
    expect(text).toContain('coding   zai/glm-4.7 (Z.AI, openai-chat, thinking medium)');
    expect(text).toContain('credential: missing');
    expect(text).toContain('why: zai is set by task.phaseProviders.coding');
    expect(text).toContain('error: no Z.AI API key was found');
    expect(text).toContain('Routing is not valid: tasks create would refuse it (1 error(s)).');
  });

  it('reports each credential check and how many failed', () => {
    const credential = {
      provider: 'zai',
      label: 'GLM',
      masked: '…1234',
    } as ProvidersCheckReport['results'][number]['credential'];
    const check = {
      ok: false,
      provider: 'zai',
      protocol: 'openai-chat',
      model: 'glm-4.5-air',
      baseUrl: 'http://x/v1',
      latencyMs: 12,
      toolCallWorks: false,
      usageReported: false,
      error: {
        class: 'quota_exhausted',
        message: 'Insufficient balance',
        httpStatus: 429,
        providerCode: '1113',
      },
    } as const;
    const text = formatProvidersCheck(
      {
        ok: false,
        results: [
          { credential, check, error: null },
          {
            credential,
            check: { ...check, ok: true, error: null, toolCallWorks: true, usageReported: true },
            error: null,
          },
        ],
      },
      c,
    );
    expect(text).toContain(
      '✗ zai "GLM" (…1234): glm-4.5-air at http://x/v1: quota_exhausted: Insufficient balance',
    );
    expect(text).toContain(
      '✓ zai "GLM" (…1234): glm-4.5-air reachable and authenticated, tool calling works, usage reported, 12 ms',
    );
    expect(text).toContain('1 of 2 failed.');
  });
});

describe('streamed log lines', () => {
  const event = (type: string, payload: unknown): TaskEvent =>
    ({
      id: '1',
      phaseRunId: 'r',
      phase: 'coding',
      kind: 'coding.subtask',
      seq: 1,
      at: new Date(),
      type,
      payload,
    }) as TaskEvent;

  it('renders each event kind as one line tagged with its run kind', () => {
    expect(
      formatEvent(event('routing', { provider: 'zai', model: 'glm-4.7', credential: 'team default' }), c),
    ).toBe('[coding.subtask] routed to zai/glm-4.7 (credential: team default)');
    expect(formatEvent(event('tool_call', { name: 'Write', arguments: { path: 'HELLO.md' } }), c)).toBe(
      '[coding.subtask] → Write {"path":"HELLO.md"}',
    );
    expect(formatEvent(event('tool_result', { name: 'Write', isError: false, content: 'ok' }), c)).toBe(
      '[coding.subtask] ← Write ok (2 chars)',
    );
    expect(formatEvent(event('error', { class: 'quota_exhausted', message: 'no balance' }), c)).toBe(
      '[coding.subtask] error (quota_exhausted): no balance',
    );
    expect(
      formatEvent(
        event('fallback', {
          from: { provider: 'zai', model: 'glm-4.7' },
          to: { provider: 'anthropic', model: 'sonnet' },
          reason: 'quota',
        }),
        c,
      ),
    ).toBe('[coding.subtask] fallback zai/glm-4.7 → anthropic/sonnet: quota');
  });

  it('keeps long text to one line', () => {
    const line = formatEvent(event('assistant_text', { text: `first\nsecond ${'x'.repeat(500)}` }), c)!;
    expect(line.startsWith('[coding.subtask] first second')).toBe(true);
    expect(line.endsWith('…')).toBe(true);
    expect(line).not.toContain('\n');
  });
});

describe('the watch display', () => {
  it('prints a header when each phase starts, even when the task already had a run queued', async () => {
    const { WatchDisplay } = await import('./watch-display');
    let stdout = '';
    const rt = {
      stdout: { write: (text: string) => (stdout += text) },
      interactive: false,
    } as unknown as ConstructorParameters<typeof WatchDisplay>[0];
    const display = new WatchDisplay(rt, c, true);
    const detail = {
      task: { ...task, status: 'queued', statusReason: null },
      runs: [{ phase: 'spec' }],
    } as unknown as ApiOutputs['tasks']['get'];
    display.start(detail);
    const at = new Date();
    for (const [phase, kind] of [
      ['spec', 'spec.discovery'],
      ['spec', 'spec.write'],
      ['planning', 'planning.plan'],
    ])
      display.event({
        id: '1',
        phaseRunId: 'r',
        phase,
        kind,
        seq: 1,
        at,
        type: 'log',
        payload: { message: kind },
      } as TaskEvent);
    display.dispose();
    expect(stdout.split('\n').slice(1, -1)).toEqual([
      '── spec ──',
      '[spec.discovery] spec.discovery',
      '[spec.write] spec.write',
      '── planning ──',
      '[planning.plan] planning.plan',
    ]);
  });
});

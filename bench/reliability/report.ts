// bench/reports/reliability.md from the results of the four sections (those that ran).
import { type Machine, reportHeader, table } from '../shared/report';
import { ms, summarize } from '../shared/stats';
import type { ConcurrencyResult } from './concurrent-tasks';
import { type CrashResult, PHASES } from './crash-trials';
import { type FaultResult, STREAM_IDLE_MS } from './fault-injection';
import type { FuzzResult } from './fuzz-api';
import { auditTotals } from './task-audit';

export interface ReliabilityResults {
  crash?: CrashResult;
  faults?: FaultResult;
  concurrency?: ConcurrencyResult;
  fuzz?: FuzzResult;
}

const seconds = (valueMs: number) => ms(valueMs / 1000);
const verdict = (ok: boolean) => (ok ? '**held**' : '**broken**');

export function renderReliability(results: ReliabilityResults, startedAt: Date, machine: Machine): string {
  return [
    reportHeader(
      'Reliability: crashes, provider faults, concurrency and API fuzzing',
      'pnpm bench:reliability',
      machine,
      startedAt,
    ),
    'The bar (issue 7): nothing lost. Every figure below comes from the run this report was written by: real',
    'worker processes (`apps/worker/src/main.ts`), real PostgreSQL, the real dashboard for the API, and',
    'fake-llm as the only fake, speaking the Anthropic and OpenAI wire formats.',
    '',
    '## Summary',
    '',
    table(['check', 'what happened', 'bar', 'verdict'], summaryRows(results)),
    '',
    ...(results.crash ? crashSection(results.crash) : []),
    ...(results.faults ? faultSection(results.faults) : []),
    ...(results.concurrency ? concurrencySection(results.concurrency) : []),
    ...(results.fuzz ? fuzzSection(results.fuzz) : []),
  ].join('\n');
}

function summaryRows(r: ReliabilityResults): string[][] {
  const rows: string[][] = [];
  if (r.crash) {
    const t = auditTotals(r.crash.audits);
    const twice = t.duplicateSeqs + t.doubleSucceeded + t.wrongCommitCount;
    rows.push([
      'SIGKILL during each phase',
      `${r.crash.trials.length} kills (${PHASES.map((p) => `${p} ${r.crash!.trials.filter((x) => x.phase === p).length}`).join(', ')}); ` +
        `${t.done}/${t.tasks} tasks done; ${r.crash.lostEvents} committed events lost; ${twice} things done twice`,
      'every task done, 0 lost, 0 twice',
      verdict(t.done === t.tasks && r.crash.lostEvents === 0 && twice === 0 && t.seqGaps === 0),
    ]);
  }
  if (r.faults) {
    const ok = r.faults.outcomes.filter((o) => o.asExpected).length;
    rows.push([
      'provider faults',
      `${ok} of ${r.faults.outcomes.length} faults ended as expected (retried and done, fell back, or blocked with a reason)`,
      'each fault detected and explained',
      verdict(ok === r.faults.outcomes.length),
    ]);
  }
  if (r.concurrency) {
    const t = auditTotals(r.concurrency.audits);
    const doubles = t.startedTwice + t.doubleSucceeded + t.wrongCommitCount;
    rows.push([
      `${r.concurrency.settings.tasks} tasks over ${r.concurrency.settings.workers} workers`,
      `${t.done}/${t.tasks} done in ${seconds(r.concurrency.wallMs)} s; ${t.notDone.length} failures; ${doubles} double runs`,
      '0 failures, 0 double runs',
      verdict(t.done === t.tasks && doubles === 0 && t.seqGaps === 0 && t.duplicateSeqs === 0),
    ]);
  }
  if (r.fuzz) {
    rows.push([
      'fuzzing every procedure',
      `${r.fuzz.procedures.length} procedures, ${r.fuzz.inputsTried} inputs; ${r.fuzz.serverErrors.length} answered 5xx or failed`,
      '0 server errors',
      verdict(r.fuzz.serverErrors.length === 0),
    ]);
  }
  return rows;
}

function crashSection(c: CrashResult): string[] {
  const t = auditTotals(c.audits);
  const perPhase = PHASES.map((phase) => {
    const mine = c.trials.filter((x) => x.phase === phase);
    const kinds = new Map<string, number>();
    for (const x of mine) kinds.set(x.kind, (kinds.get(x.kind) ?? 0) + 1);
    const resumed = summarize(c.resumeMs.filter((_, i) => c.trials[i]!.phase === phase));
    const committed = summarize(mine.map((x) => x.committedEventIds.length));
    return [
      phase,
      String(mine.length),
      [...kinds].map(([k, n]) => `${k} ×${n}`).join(', '),
      `${committed.p50} (max ${committed.max})`,
      seconds(resumed.p50),
      seconds(resumed.max),
    ];
  });
  return [
    '## Crash trials',
    '',
    `${c.settings.workers} worker processes with \`WORKER_CONCURRENCY=1\` (one process holds one run), lease ` +
      `${c.settings.worker.leaseMs / 1000} s, poll ${c.settings.worker.pollMs} ms. A run seen running is killed with ` +
      `SIGKILL after a uniformly random 0–${c.settings.maxKillDelayMs} ms (so kills land before the first ` +
      'model call, between calls, during tool calls, commits and the final write); the run the dead process still held ' +
      'is the trial, counted under its phase; a replacement process starts after each kill. Each task is killed at most ' +
      'once per phase. Every LLM call takes 100–400 ms (fake-llm `delayMs`).',
    '',
    table(
      [
        'phase',
        'trials',
        'run kinds hit',
        'events committed before the kill, p50',
        'kill → resumed p50 s',
        'max s',
      ],
      perPhase,
    ),
    '',
    table(
      [
        'tasks',
        'done',
        'runs',
        'runs resumed',
        'committed events lost',
        'seq gaps',
        'duplicate seqs',
        'steps succeeded twice',
        'branches without exactly one commit',
        'deliverable missing',
      ],
      [
        [
          String(t.tasks),
          String(t.done),
          String(t.runs),
          String(t.restartedRuns),
          String(c.lostEvents),
          String(t.seqGaps),
          String(t.duplicateSeqs),
          String(t.doubleSucceeded),
          String(t.wrongCommitCount),
          String(t.missingDeliverable),
        ],
      ],
    ),
    '',
    `Events committed before a kill: ${c.committedBeforeKills}, of which lost: ${c.lostEvents}. Runs killed twice ` +
      `(a later kill found the process on an already resumed run): ${c.trials.length - new Set(c.trials.map((x) => x.runId)).size}. ` +
      `Kills that found the process between runs (not counted): ${c.missedKills}. Worker processes started: ` +
      `${c.workersStarted}. Duration: ${seconds(c.durationMs)} s.`,
    '',
    '- *Lost* = an event committed before the kill (its id read after the process died) that is gone at the end. ' +
      "Events the dead attempt had buffered but not committed are not in the log: the resumed attempt redoes the step, and its events follow the dead attempt's under the next seq numbers.",
    '- *Twice* = two events under one seq, one step (kind, iteration, subtask) succeeding twice, or a task branch with ' +
      'other than the one commit its plan makes (a coding step killed after its commit and redone must not commit again).',
    "- *Kill → resumed* = the kill until the resumed attempt's first event: the dead lease's remainder (up to one " +
      'lease), the next recovery pass (every 250 ms here), then a free slot: every slot is busy with another run and ' +
      'the replacement process takes seconds to start on this loaded 2-core machine, so this is mostly queueing; ' +
      '`bench/reports/recovery.md` measures recovery itself.',
    '',
    ...notDoneList(t.notDone),
  ];
}

function faultSection(f: FaultResult): string[] {
  return [
    '## Provider faults',
    '',
    "Each fault hits the coding phase of its own task (the task title carries a marker the fake looks for); `once` = the coder's first call only, `always` = every coding call to that provider. 2 worker processes, default lease, " +
      `\`WORKER_STREAM_IDLE_MS=${STREAM_IDLE_MS}\` (the default is 180 s). ` +
      "*Calls* = coding calls the faulty provider received; *retries* = `retry` events (each retry the client made, with the wait); attempts = the run's queue attempts.",
    '',
    table(
      [
        'fault',
        'when',
        'expected',
        'task',
        'calls',
        'retries',
        'fallbacks',
        'attempts',
        'error class',
        'seconds',
        'reason shown to the user',
        'as expected',
      ],
      f.outcomes.map((o) => [
        o.case.fault,
        o.case.times,
        o.case.expected.text,
        o.status,
        String(o.coderCalls),
        String(o.retryEvents),
        String(o.fallbackEvents),
        String(o.codingAttempts),
        o.errorClass ?? '—',
        o.seconds.toFixed(1),
        o.statusReason ? o.statusReason.replace(/\|/g, '\\|').replace(/\n/g, ' ') : '—',
        o.asExpected ? 'yes' : '**no**',
      ]),
    ),
    '',
    `Duration: ${seconds(f.durationMs)} s (the faults run side by side).`,
    '',
  ];
}

function concurrencySection(c: ConcurrencyResult): string[] {
  const t = auditTotals(c.audits);
  const perTask = summarize(c.taskMs);
  return [
    `## ${c.settings.tasks} concurrent tasks over ${c.settings.workers} workers`,
    '',
    `All ${c.settings.tasks} tasks are queued at once for ${c.settings.workers} worker processes with the defaults ` +
      `(\`WORKER_CONCURRENCY=${c.settings.worker.concurrency}\`, lease ${c.settings.worker.leaseMs / 1000} s, poll ${c.settings.worker.pollMs} ms), ` +
      'all on one repository; the demo model answers at once, so the workers, git and PostgreSQL are what is exercised.',
    '',
    table(
      [
        'tasks',
        'done',
        'wall s',
        'per task p50 s',
        'p95 s',
        'runs',
        'LLM calls',
        'runs started twice',
        'runs resumed',
        'steps succeeded twice',
        'seq gaps / duplicates',
        'branches without exactly one commit',
      ],
      [
        [
          String(t.tasks),
          String(t.done),
          seconds(c.wallMs),
          seconds(perTask.p50),
          seconds(perTask.p95),
          String(t.runs),
          String(c.llmCalls),
          String(t.startedTwice),
          String(t.restartedRuns),
          String(t.doubleSucceeded),
          `${t.seqGaps} / ${t.duplicateSeqs}`,
          String(t.wrongCommitCount),
        ],
      ],
    ),
    '',
    '*Runs started twice* counts runs with more than one `routing` event (every start of a run writes one first).',
    '',
    ...notDoneList(t.notDone),
  ];
}

function fuzzSection(f: FuzzResult): string[] {
  const statuses = new Map<string, number>();
  for (const p of f.procedures)
    for (const [status, n] of Object.entries(p.statuses))
      statuses.set(status, (statuses.get(status) ?? 0) + n);
  return [
    '## Fuzzing every procedure',
    '',
    `Every procedure of the tRPC router, found from the router itself, over HTTP against \`next start\` with an API key: ` +
      `inputs generated by fast-check (seed ${f.seed}) and from each input schema, mutated field by field, plus malformed envelopes. ` +
      `${f.inputsTried} inputs in ${seconds(f.durationMs)} s; statuses: ${[...statuses]
        .sort()
        .map(([s, n]) => `${s} ×${n}`)
        .join(', ')}.`,
    '',
    table(
      ['procedure', 'type', 'inputs', 'statuses'],
      f.procedures.map((p) => [
        p.procedure,
        p.type,
        String(p.inputs),
        Object.entries(p.statuses)
          .map(([s, n]) => `${s} ×${n}`)
          .join(', '),
      ]),
    ),
    '',
    ...(f.serverErrors.length === 0
      ? ['No input got a 5xx or broke the connection.', '']
      : [
          '### Server errors',
          '',
          table(
            ['procedure', 'status', 'input', 'body'],
            f.serverErrors.map((e) => [
              e.procedure,
              String(e.status),
              `\`${e.input}\``,
              e.body.replace(/\|/g, '\\|'),
            ]),
          ),
          '',
        ]),
  ];
}

function notDoneList(notDone: ReturnType<typeof auditTotals>['notDone']): string[] {
  if (notDone.length === 0) return [];
  return [
    '### Tasks that did not finish',
    '',
    ...notDone.map((a) => `- ${a.taskId}: ${a.status}: ${(a.statusReason ?? '').replace(/\n/g, ' ')}`),
    '',
  ];
}

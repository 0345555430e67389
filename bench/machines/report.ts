// bench/reports/machines.md from the rounds of both configurations.
import { type Machine, reportHeader, table } from '../shared/report';
import { median, ms, summarize } from '../shared/stats';
import {
  CHECK_COMMAND,
  CONFIGURATIONS,
  type Configuration,
  type RoundResult,
  type Settings,
} from './measure';

const perSecond = (count: number, wallMs: number) => (count / wallMs) * 1000;
const runsPerSecond = (r: RoundResult) => perSecond(r.runs, r.wallMs);
const tasksPerSecond = (r: RoundResult) => perSecond(r.tasks, r.wallMs);
const p50 = (values: number[]) => summarize(values).p50;
const p95 = (values: number[]) => summarize(values).p95;
const label = (key: Configuration['key']) => CONFIGURATIONS.find((c) => c.key === key)!.label;

/** Median over rounds of a figure; the ratio (b)/(a) taken per round, then its median. */
function figure(rounds: RoundResult[], pick: (r: RoundResult) => number) {
  const of = (key: Configuration['key']) => rounds.filter((r) => r.config === key).map(pick);
  const one = of('one');
  const two = of('two');
  const ratios = one.map((value, i) => (two[i] ?? Number.NaN) / value).filter(Number.isFinite);
  return { one: median(one), two: median(two), ratio: median(ratios) };
}

const withRatio = (value: string, r: number) =>
  `${value} (${Number.isFinite(r) ? `${r.toFixed(2)}×` : 'n/a'})`;

export function renderMachines(
  rounds: RoundResult[],
  settings: Settings,
  startedAt: Date,
  machine: Machine,
  wallS: number,
): string {
  const problems = rounds.flatMap((r) =>
    r.problems.map((p) => `round ${r.round}, ${r.config === 'one' ? 'one machine' : 'two machines'}: ${p}`),
  );
  const runsS = figure(rounds, runsPerSecond);
  const tasksS = figure(rounds, tasksPerSecond);
  const pickup50 = figure(rounds, (r) => p50(r.pickupMs));
  const pickup95 = figure(rounds, (r) => p95(r.pickupMs));
  const store50 = figure(rounds, (r) => p50(r.storeMs));
  const deliver50 = figure(rounds, (r) => p50(r.deliverMs));
  const pooled = (key: Configuration['key'], pick: (r: RoundResult) => number[]) =>
    rounds.filter((r) => r.config === key).flatMap(pick);
  const done = (key: Configuration['key']) => {
    const own = rounds.filter((r) => r.config === key);
    const sum = (pick: (r: RoundResult) => number) => own.reduce((total, r) => total + pick(r), 0);
    const found = sum((r) => r.problems.length);
    return `${sum((r) => r.done)}/${sum((r) => r.tasks)}${found ? `, **${found} problem(s)**` : ''}`;
  };
  const travelled = (key: Configuration['key']) => {
    const own = rounds.filter((r) => r.config === key);
    const sum = (pick: (r: RoundResult) => number) => own.reduce((total, r) => total + pick(r), 0);
    return `${sum((r) => r.moved)} of ${sum((r) => r.runs)}; ${sum((r) => r.restored)} rebuilt from ${sum((r) => r.bundlesApplied)} bundle(s)`;
  };
  const codingMs = (key: Configuration['key']) =>
    p50(pooled(key, (r) => [...r.codingRunMs.local, ...r.codingRunMs.restored]));
  const storeAll = [...pooled('one', (r) => r.storeMs), ...pooled('two', (r) => r.storeMs)];
  const deliverAll = [...pooled('one', (r) => r.deliverMs), ...pooled('two', (r) => r.deliverMs)];
  const bytesAll = [...pooled('one', (r) => r.bundleBytes), ...pooled('two', (r) => r.bundleBytes)];
  const restoredMs = pooled('two', (r) => r.codingRunMs.restored);
  const localMs = pooled('two', (r) => r.codingRunMs.local);
  const sandboxes = [...new Set(rounds.flatMap((r) => r.sandbox))];
  const checks = rounds.reduce(
    (sum, r) => ({ passed: sum.passed + r.checks.passed, failed: sum.failed + r.checks.failed }),
    {
      passed: 0,
      failed: 0,
    },
  );
  const warnings = new Map<string, number>();
  for (const r of rounds) for (const [msg, n] of r.warnings) warnings.set(msg, (warnings.get(msg) ?? 0) + n);
  const verdict = problems.length === 0 ? '**held**' : '**broken**';

  return [
    reportHeader(
      'Machines: 8 workers on one machine and on two, through the branch store',
      'pnpm bench:machines',
      machine,
      startedAt,
    ),
    'How the system scales (issue 7, docs/operating.md): PostgreSQL is the single coordinator, worker processes are',
    "added horizontally, and since the branch store a task branch no longer lives on one worker's disk. The same",
    `workload runs on 8 real worker processes (\`apps/worker/src/main.ts\`, \`WORKER_CONCURRENCY=${settings.concurrency}\`) `,
    'in two configurations in this one invocation: (a) all 8 share one `WORKER_DATA_DIR` (one machine: the peer), (b) 4',
    'have `WORKER_DATA_DIR=A` and 4 `WORKER_DATA_DIR=B` (two simulated machines sharing nothing but PostgreSQL and the',
    "project's repository), so a phase that lands on the other machine must rebuild the branch from the bundles in PostgreSQL.",
    '',
    '## Result',
    '',
    `Medians over ${rounds.length / 2} round(s); in parentheses (b) ÷ (a), computed per round, then the median. Nothing-lost verdict: ${verdict}.`,
    '',
    table(
      [
        'configuration',
        'tasks done',
        'phase runs/s',
        'tasks/s',
        'pickup p50 ms',
        'pickup p95 ms',
        'runs on another machine than the previous run of their task',
        'store ms p50 (per committing phase)',
        'delivery ms p50',
      ],
      [
        [
          label('one'),
          done('one'),
          runsS.one.toFixed(2),
          tasksS.one.toFixed(3),
          ms(pickup50.one),
          ms(pickup95.one),
          travelled('one'),
          ms(store50.one),
          ms(deliver50.one),
        ],
        [
          label('two'),
          done('two'),
          withRatio(runsS.two.toFixed(2), runsS.ratio),
          withRatio(tasksS.two.toFixed(3), tasksS.ratio),
          withRatio(ms(pickup50.two), pickup50.ratio),
          withRatio(ms(pickup95.two), pickup95.ratio),
          travelled('two'),
          withRatio(ms(store50.two), store50.ratio),
          withRatio(ms(deliver50.two), deliver50.ratio),
        ],
      ],
    ),
    '',
    '## Figures per round',
    '',
    table(
      [
        'round',
        'configuration',
        'tasks',
        'phase runs',
        'wall s',
        'runs/s',
        'tasks/s',
        'pickup p50 / p95 ms',
        'retried runs',
        'runs per machine',
        'moved / rebuilt (bundles)',
        'store p50 / p95 ms',
        'delivery p50 / p95 ms',
        'bundle p50 bytes',
        'coding phase p50 ms (local / rebuilt)',
        'worker CPU ms per run (own + children)',
        'load at end',
      ],
      rounds.map((r) => [
        r.round,
        r.config === 'one' ? '(a) one machine' : '(b) two machines',
        r.tasks,
        r.runs,
        (r.wallMs / 1000).toFixed(1),
        runsPerSecond(r).toFixed(2),
        tasksPerSecond(r).toFixed(3),
        `${ms(p50(r.pickupMs))} / ${ms(p95(r.pickupMs))}`,
        r.retried,
        Object.entries(r.runsPerMachine)
          .sort()
          .map(([m, n]) => `${m} ${n}`)
          .join(', '),
        `${r.moved} / ${r.restored} (${r.bundlesApplied})`,
        `${ms(p50(r.storeMs))} / ${ms(p95(r.storeMs))}`,
        `${ms(p50(r.deliverMs))} / ${ms(p95(r.deliverMs))}`,
        p50(r.bundleBytes).toFixed(0),
        `${ms(p50(r.codingRunMs.local))} / ${ms(p50(r.codingRunMs.restored))}`,
        `${((r.workerCpuMs.own + r.workerCpuMs.children) / r.runs).toFixed(0)} (${(r.workerCpuMs.own / r.runs).toFixed(0)} + ${(r.workerCpuMs.children / r.runs).toFixed(0)})`,
        r.loadAtEnd.toFixed(1),
      ]),
    ),
    '',
    '## The branch store per committing phase',
    '',
    "Pooled over every committing phase of both configurations (the handler's own timings, from the details of its ",
    '"Stored N commit(s) …" and "Delivered …" events):',
    '',
    table(
      ['step', 'phases', 'p50', 'p95', 'p99', 'max'],
      [
        [
          'store: bundle the new commits, insert the bundle and move the durable head under the fence (ms)',
          storeAll.length,
          ms(p50(storeAll)),
          ms(p95(storeAll)),
          ms(summarize(storeAll).p99),
          ms(summarize(storeAll).max),
        ],
        [
          "deliver: `git fetch` of the branch into the project's repository (ms)",
          deliverAll.length,
          ms(p50(deliverAll)),
          ms(p95(deliverAll)),
          ms(summarize(deliverAll).p99),
          ms(summarize(deliverAll).max),
        ],
        [
          'bundle size (bytes)',
          bytesAll.length,
          p50(bytesAll).toFixed(0),
          p95(bytesAll).toFixed(0),
          summarize(bytesAll).p99.toFixed(0),
          summarize(bytesAll).max.toFixed(0),
        ],
      ],
    ),
    '',
    `A coding phase took ${ms(codingMs('one'))} ms at p50 on one machine and ${ms(codingMs('two'))} ms on two; on two machines, `,
    `the ${restoredMs.length} coding phase(s) that first rebuilt the branch from bundles took ${ms(p50(restoredMs))} ms at p50 against `,
    `${ms(p50(localMs))} ms for the ${localMs.length} whose machine already had the commits (restore is not timed by an event of its own).`,
    '',
    'Phase run time (`finishedAt − startedAt`, succeeded first attempts) by kind, p50 pooled over rounds; only coding phases commit:',
    '',
    table(
      ['run kind', 'runs (a) / (b)', '(a) one machine ms', '(b) two machines ms', '(b) ÷ (a)'],
      kindRows(rounds),
    ),
    '',
    ...(problems.length > 0
      ? [
          '## Problems: work lost or stuck',
          '',
          `${problems.length} finding(s); the bench exits non-zero. Each line is a task that did not end \`done\` with one delivered commit per subtask, or a check that failed:`,
          '',
          ...problems.slice(0, 40).map((p) => `- ${p}`),
          ...(problems.length > 40 ? [`- … and ${problems.length - 40} more`] : []),
          '',
        ]
      : []),
    '## What this says',
    '',
    whatThisSays(rounds, { runsS, pickup50, storeAll, deliverAll, codingOne: codingMs('one'), problems }),
    '',
    '## Method',
    '',
    `- Each round and configuration gets a fresh stack (\`bench/reliability/pipeline-stack.ts\`: a database from \`createTestDatabase\`, fake-llm, a team whose profile plans on "Claude" and codes on "GLM", a project on a fresh git repository whose check command is \`${CHECK_COMMAND}\`), then 8 worker processes started two at a time and ready before the first task; ${settings.tasks} tasks are then queued (\`createTask\`, the first run enqueued with its NOTIFY) and drained. The configurations alternate which goes first from round to round. This run took ${(wallS / 60).toFixed(1)} min.`,
    `- Workload: fake-llm's greeter for every step except two (\`bench/machines/responder.ts\`): the plan has ${settings.subtasks} subtasks and the coder of subtask k writes \`part-k.md\` with the Write tool, so every task makes ${settings.subtasks} committing phases among its runs (spec ×4, planning, ${settings.subtasks} coding, QA review). The model answers at once: the workers, git, the sandbox and PostgreSQL are what is measured.`,
    `- Workers: the production defaults (lease 30 s, poll 2000 ms), \`WORKER_CONCURRENCY=${settings.concurrency}\` (${8 * settings.concurrency} slots in all), \`SWITCHYARD_SANDBOX\` left at its default \`on\`. Sandbox as the workers logged it at start: ${sandboxes.join(', ')}; the project check ran in it ${checks.passed + checks.failed} times (${checks.passed} passed, ${checks.failed} failed).`,
    "- Wall time: the first run's `createdAt` to the last task's `finishedAt` (both host clock; PostgreSQL is on the same host). Runs/s counts every phase run of the tasks.",
    `- Pickup latency: \`PhaseRun.startedAt\` (set by the claim, \`now()\` of its transaction) minus \`runAfter\`, the instant the run became claimable (the enqueue sets it; it equals \`createdAt\` for a first attempt, a retry moves it to after the backoff). Only first attempts count, because \`startedAt\` keeps the first claim. With ${settings.tasks} tasks in flight on ${8 * settings.concurrency} slots, a run can also wait for a free slot or for CPU: this is the queue under a full pipeline on a busy host, not an idle pickup (bench:queue measures that).`,
    '- Which machine ran a run: the last "claimed phase run" line for it in the workers\' own logs. "Rebuilt" counts runs whose machine lacked commits the other machine had landed (walking each task\'s runs in order: a machine holds what it landed and everything it restored), i.e. runs that had to `git bundle unbundle` from PostgreSQL.',
    "- Nothing lost: after the round every task must be `done`, `switchyard/<id>` in the project's repository must hold exactly one commit per subtask past the task's base commit (`git rev-list --count base..branch`) and every `part-k.md`, its tip must equal the durable head and the delivered head, the store must hold one bundle per coding phase, and every succeeded coding phase must have logged both events; `main` must not move.",
    `- Worker CPU: utime + stime of each worker process (own) and of its reaped children (git, bubblewrap: cutime + cstime), from \`/proc/<pid>/stat\`, over the round; "load at end" is the host's 1-minute load average when the round's tasks were done. Log lines at warn or above: ${warnings.size === 0 ? 'none' : [...warnings].map(([m, n]) => `"${m}" ×${n}`).join('; ')}.`,
    '',
  ].join('\n');
}

const KIND_ORDER = [
  'spec.discovery',
  'spec.requirements',
  'spec.complexity',
  'spec.write',
  'planning.plan',
  'coding.subtask',
  'qa.review',
];

function kindMs(
  rounds: RoundResult[],
  key: Configuration['key'],
  match: (kind: string) => boolean,
): number[] {
  return rounds
    .filter((r) => r.config === key)
    .flatMap((r) => Object.entries(r.runMsByKind).flatMap(([kind, values]) => (match(kind) ? values : [])));
}

function kindRows(rounds: RoundResult[]): string[][] {
  const kinds = [...new Set(rounds.flatMap((r) => Object.keys(r.runMsByKind)))].sort(
    (a, b) => (KIND_ORDER.indexOf(a) + 1 || 99) - (KIND_ORDER.indexOf(b) + 1 || 99),
  );
  return kinds.map((kind) => {
    const one = kindMs(rounds, 'one', (k) => k === kind);
    const two = kindMs(rounds, 'two', (k) => k === kind);
    return [
      kind,
      `${one.length} / ${two.length}`,
      ms(p50(one)),
      ms(p50(two)),
      `${(p50(two) / p50(one)).toFixed(2)}×`,
    ];
  });
}

function whatThisSays(
  rounds: RoundResult[],
  f: {
    runsS: ReturnType<typeof figure>;
    pickup50: ReturnType<typeof figure>;
    storeAll: number[];
    deliverAll: number[];
    codingOne: number;
    problems: string[];
  },
): string {
  const two = rounds.filter((r) => r.config === 'two');
  const sum = (list: RoundResult[], pick: (r: RoundResult) => number) =>
    list.reduce((t, r) => t + pick(r), 0);
  const cpuPerRun = median(rounds.map((r) => (r.workerCpuMs.own + r.workerCpuMs.children) / r.runs));
  const childShare = median(
    rounds.map((r) => r.workerCpuMs.children / (r.workerCpuMs.own + r.workerCpuMs.children)),
  );
  const cores = median(rounds.map((r) => (r.workerCpuMs.own + r.workerCpuMs.children) / r.wallMs));
  const load = median(rounds.map((r) => r.loadAtEnd));
  const perRound = rounds
    .filter((r) => r.config === 'one')
    .flatMap((one) => {
      const other = two.find((r) => r.round === one.round);
      return other ? [runsPerSecond(other) / runsPerSecond(one)] : [];
    });
  const ratio = f.runsS.ratio;
  const direction = perRound.every((r) => r < 1)
    ? 'lower on two machines in every round'
    : perRound.every((r) => r > 1)
      ? 'higher on two machines in every round'
      : 'no consistent difference from round to round';
  const rebuilt = p50(two.flatMap((r) => r.codingRunMs.restored));
  const local = p50(two.flatMap((r) => r.codingRunMs.local));
  const cost = p50(f.storeAll) + p50(f.deliverAll);
  const bytes = p50(rounds.flatMap((r) => r.bundleBytes));
  return [
    `**PostgreSQL is the single coordinator.** The two machines shared nothing but PostgreSQL and the project's repository (cloned, fetched from and delivered to), yet ${sum(two, (r) => r.moved)} of ${sum(two, (r) => r.runs)} phase runs ran on another machine than their task's previous run and ${sum(two, (r) => r.restored)} of them first rebuilt the branch from ${sum(two, (r) => r.bundlesApplied)} bundle(s) read from PostgreSQL`,
    f.problems.length === 0
      ? ', with every task done and every commit delivered. '
      : `; but ${f.problems.length} problem(s) above mean work was stopped or lost, so the rates include tasks that ended early. `,
    `**Workers scale horizontally**: nothing in claiming a run or in continuing a branch needs another worker's disk. The same 8 processes ran ${f.runsS.two.toFixed(2)} phase runs/s on two machines against ${f.runsS.one.toFixed(2)} on one (${ratio.toFixed(2)}×; per round ${perRound.map((r) => `${r.toFixed(2)}×`).join(', ')}: ${direction}) and picked runs up in ${ms(f.pickup50.two)} ms at p50 against ${ms(f.pickup50.one)} ms. `,
    Number.isFinite(rebuilt) && Number.isFinite(local)
      ? rebuilt <= local * 1.1
        ? `Rebuilding from bundles does not show in phase times: the coding phases that first rebuilt the branch took ${ms(rebuilt)} ms at p50 against ${ms(local)} ms for those whose machine had the commits. `
        : `The coding phases that first rebuilt the branch took ${ms(rebuilt)} ms at p50 against ${ms(local)} ms for those whose machine had the commits (${((rebuilt / local - 1) * 100).toFixed(0)}% longer). `
      : '',
    nonCommitting(rounds),
    `The rate is set by the CPU the workers get, not by the coordinator: they used ${ms(cpuPerRun)} ms of CPU per phase run (${(childShare * 100).toFixed(0)}% in their git and bubblewrap children) and got ${cores.toFixed(2)} of the host's 2 cores`,
    load > 4
      ? `, with the host's 1-minute load average at ${load.toFixed(1)} by the end of a round (these workers, their children, PostgreSQL and whatever else ran on this shared host), so the absolute rates say more about this host than about Switchyard; a run costs PostgreSQL a handful of statements (bench:queue), and more machines add cores. `
      : '; a run costs PostgreSQL a handful of statements (bench:queue), and more machines add cores. ',
    `**The branch store adds ${ms(p50(f.storeAll))} ms** (p50; ${ms(p95(f.storeAll))} ms p95) to store a committing phase and ${ms(p50(f.deliverAll))} ms (${ms(p95(f.deliverAll))} ms p95) to deliver its branch, about ${ms(cost)} ms per committing phase (${((cost / f.codingOne) * 100).toFixed(0)}% of a scripted coding phase's ${ms(f.codingOne)} ms p50 here; a phase with a real model takes minutes). With ${bytes.toFixed(0)}-byte bundles that is fixed cost, not volume: three git processes (\`rev-parse\`, \`rev-list\`, \`bundle create\`) and one fenced transaction to store, one \`git fetch\` (which starts \`upload-pack\` in the clone) to deliver, each process start stretched by the host's load. Phases that commit nothing pay neither.`,
  ].join('');
}

/** Whether phases that store nothing slowed down as much as coding phases (then it is not the store). */
function nonCommitting(rounds: RoundResult[]): string {
  const other = (kind: string) => kind !== 'coding.subtask';
  const one = p50(kindMs(rounds, 'one', other));
  const two = p50(kindMs(rounds, 'two', other));
  const codingOne = p50(kindMs(rounds, 'one', (k) => k === 'coding.subtask'));
  const codingTwo = p50(kindMs(rounds, 'two', (k) => k === 'coding.subtask'));
  const plain = two / one;
  const coding = codingTwo / codingOne;
  const reading =
    coding > plain + 0.25
      ? 'coding phases, the ones that store and deliver, changed more than the rest. '
      : "phases that store nothing changed as much as coding phases or more, so a difference between the configurations is not the branch store's work; this run does not isolate where it comes from. ";
  return `Phases that commit nothing (spec, planning, QA review: no bundle stored, no delivery) took ${ms(two)} ms at p50 on two machines against ${ms(one)} ms on one (${plain.toFixed(2)}×), coding phases ${ms(codingTwo)} against ${ms(codingOne)} ms (${coding.toFixed(2)}×): ${reading}`;
}

// Benchmark (issue 14): what the bubblewrap sandbox adds to one Bash tool call, against the same
// call unsandboxed (SWITCHYARD_SANDBOX=off), in the same run. `pnpm bench:sandbox`; writes
// bench/reports/sandbox.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { bubblewrapStatus, processLimit } from '../../apps/worker/src/sandbox';
import { makeTestHost } from '../../apps/worker/src/sandbox/test-host';
import { createToolbox, type Toolbox } from '../../apps/worker/src/tools';
import { describeMachine, reportHeader, table, writeReport } from '../shared/report';
import { median, ms, summarize } from '../shared/stats';

const CALLS = Number(process.env.BENCH_ITERATIONS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const GOAL_MS = 10;

const COMMANDS = [
  { label: '`true` (the floor: one process)', command: 'true' },
  { label: '`git status --short` (what agents run most)', command: 'git status --short' },
  { label: '`node -e 0` (a runtime start)', command: 'node -e 0' },
];
type Mode = 'sandbox' | 'host';

async function call(toolbox: Toolbox, command: string): Promise<number> {
  const started = performance.now();
  const outcome = await toolbox.execute(
    { id: 'bench', name: 'Bash', arguments: { command } },
    { signal: new AbortController().signal },
  );
  const elapsed = performance.now() - started;
  if (outcome.isError) throw new Error(`${command}: ${outcome.content}`);
  return elapsed;
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const machine = await describeMachine();
  const status = bubblewrapStatus();
  if (!status.ok) throw new Error(`bench:sandbox needs bubblewrap: ${status.reason}`);
  const host = makeTestHost({ 'src/index.js': 'module.exports = 1;\n' });
  const env = { PATH: process.env.PATH, LANG: 'C.UTF-8' };
  const boxes: Record<Mode, Toolbox> = {
    sandbox: createToolbox({
      worktree: host.worktree,
      secrets: [],
      env,
      only: ['Bash'],
      sandbox: { mode: 'on' },
    }),
    host: createToolbox({
      worktree: host.worktree,
      secrets: [],
      env,
      only: ['Bash'],
      sandbox: { mode: 'off' },
    }),
  };
  const samples = new Map<string, number[]>();
  const roundMedians = new Map<string, number[]>();
  try {
    for (const { command } of COMMANDS) {
      for (const mode of ['sandbox', 'host'] as const) await call(boxes[mode], command); // warm-up
    }
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const { command } of COMMANDS) {
        const inRound: Record<Mode, number[]> = { sandbox: [], host: [] };
        // Interleaved, order alternating, so both see the same machine load.
        for (let i = 0; i < CALLS; i += 1) {
          const order: Mode[] = i % 2 === 0 ? ['sandbox', 'host'] : ['host', 'sandbox'];
          for (const mode of order) inRound[mode].push(await call(boxes[mode], command));
        }
        for (const mode of ['sandbox', 'host'] as const) {
          const key = `${command}/${mode}`;
          samples.set(key, [...(samples.get(key) ?? []), ...inRound[mode]]);
          roundMedians.set(key, [...(roundMedians.get(key) ?? []), summarize(inRound[mode]).p50]);
        }
      }
      process.stdout.write(`round ${round + 1}/${ROUNDS} done\n`);
    }
  } finally {
    host.cleanup();
  }
  const bare = bareBwrap(status.path);
  const report = render(samples, roundMedians, bare, status, startedAt, machine);
  process.stdout.write(`wrote ${writeReport('sandbox', report)}\n`);
}

/** bwrap itself with the same namespaces, binding `/` whole: the part of the cost no mount list can save. */
function bareBwrap(bwrap: string): { bwrapMs: number; plainMs: number } {
  const time = (file: string, args: string[]) => {
    const out: number[] = [];
    for (let i = 0; i < CALLS; i += 1) {
      const started = performance.now();
      const result = spawnSync(file, args);
      if (result.status !== 0) throw new Error(`${file} failed: ${result.stderr}`);
      out.push(performance.now() - started);
    }
    return median(out);
  };
  const ns = ['--unshare-user', '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-net'];
  return {
    bwrapMs: time(bwrap, [
      ...ns,
      '--die-with-parent',
      '--new-session',
      '--ro-bind',
      '/',
      '/',
      '--proc',
      '/proc',
      '--dev',
      '/dev',
      'true',
    ]),
    plainMs: time('/bin/true', []),
  };
}

function render(
  samples: Map<string, number[]>,
  roundMedians: Map<string, number[]>,
  bare: { bwrapMs: number; plainMs: number },
  status: { path: string; version: string },
  startedAt: Date,
  machine: Awaited<ReturnType<typeof describeMachine>>,
): string {
  const verdicts: string[][] = [];
  const rows: string[][] = [];
  for (const { label, command } of COMMANDS) {
    const sandboxed = summarize(samples.get(`${command}/sandbox`)!);
    const plain = summarize(samples.get(`${command}/host`)!);
    const perRound = roundMedians
      .get(`${command}/sandbox`)!
      .map((m, i) => m - roundMedians.get(`${command}/host`)![i]!);
    const added = median(perRound);
    verdicts.push([
      label,
      `${ms(sandboxed.p50)} vs ${ms(plain.p50)}`,
      `+${ms(added)} (rounds: ${perRound.map((x) => `+${ms(x)}`).join(', ')})`,
      `+${ms(sandboxed.p95 - plain.p95)}`,
      `${(sandboxed.p50 / plain.p50).toFixed(2)}×`,
      added < GOAL_MS ? 'met' : `missed by ${ms(added - GOAL_MS)} ms`,
    ]);
    for (const [mode, s] of [
      ['sandboxed (bubblewrap)', sandboxed],
      ['unsandboxed (SWITCHYARD_SANDBOX=off)', plain],
    ] as const) {
      rows.push([label, mode, String(s.n), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.min), ms(s.max)]);
    }
  }
  const gitVersion = (() => {
    try {
      return execFileSync('git', ['--version'], { encoding: 'utf8' }).trim();
    } catch {
      return 'git';
    }
  })();
  return [
    reportHeader(
      'Sandbox: what bubblewrap adds to a Bash tool call',
      'pnpm bench:sandbox',
      machine,
      startedAt,
    ),
    '## Result',
    '',
    `Goal: under ${GOAL_MS} ms added at p50. The peer is the same Bash tool call with the sandbox off, in the same run, ` +
      'calls interleaved (order alternating) so both see the same load. "Added" is the per-round difference of medians, ' +
      'median over rounds. Both sides go through the whole tool: command policy, process group, output capture, redaction.',
    '',
    table(
      [
        'command',
        'p50 ms (sandboxed vs not)',
        'added at p50 ms',
        'added at p95 ms',
        'ratio at p50',
        `goal < ${GOAL_MS} ms`,
      ],
      verdicts,
    ),
    '',
    '## Figures',
    '',
    table(['command', 'mode', 'calls', 'p50 ms', 'p95 ms', 'p99 ms', 'min ms', 'max ms'], rows),
    '',
    '## Where the time goes',
    '',
    `- \`bwrap\` alone with the same five namespaces and \`/\` bound whole, spawned directly: **${ms(bare.bwrapMs)} ms** p50 ` +
      `against **${ms(bare.plainMs)} ms** for \`/bin/true\` (${CALLS} spawns each). That is the kernel's price for new ` +
      'user, PID, IPC, UTS and network namespaces and a new mount tree; what remains of the added time is the mount ' +
      "list (read-only system folders, the masked /etc entries, git's view of the repository with its sanitised config " +
      'and copied index passed through file descriptors) and the pids cgroup made and removed per command.',
    `- Process limit: ${processLimit().describe}.`,
    '',
    '## Method',
    '',
    `- bubblewrap ${status.version} (\`${status.path}\`), ${gitVersion}. The worktree is a linked worktree made by ` +
      '`git worktree add` in a test host (apps/worker/src/sandbox/test-host.ts), as the worker makes them, so the git ' +
      'view is built on every sandboxed call.',
    `- Per round and command: ${CALLS} calls on each side, interleaved; ${ROUNDS} rounds; one warm-up call per command ` +
      'and side first. Timed from `toolbox.execute` to its result in this process.',
    '',
  ].join('\n');
}

await main();

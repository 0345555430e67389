// How the system scales (issue 7): 8 real worker processes on one machine (one WORKER_DATA_DIR) and on
// two simulated machines (two data folders, 4 workers each), the same tasks through the whole pipeline
// and the branch store, in one invocation. `pnpm bench:machines`; writes bench/reports/machines.md and
// exits non-zero when a task did not end done with all of its commits delivered.
import { describeMachine, serverUrl, writeReport } from '../shared/report';
import { CONFIGURATIONS, measureRound, type RoundResult, type Settings } from './measure';
import { renderMachines } from './report';

const SETTINGS: Settings = {
  tasks: Number(process.env.BENCH_TASKS ?? 12),
  subtasks: Number(process.env.BENCH_SUBTASKS ?? 3),
  concurrency: Number(process.env.BENCH_CONCURRENCY ?? 2),
  timeoutMs: Number(process.env.BENCH_TIMEOUT_S ?? 360) * 1000,
};
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const startedAt = new Date();
  const server = serverUrl();
  const machine = await describeMachine(server);
  const rounds: RoundResult[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    // Alternate which configuration goes first, so neither always meets the machine in the same state.
    const order = round % 2 === 1 ? CONFIGURATIONS : [...CONFIGURATIONS].reverse();
    for (const config of order) {
      const began = Date.now();
      log(`round ${round}: ${config.label}…`);
      const result = await measureRound(server, config, round, SETTINGS, log);
      rounds.push(result);
      log(
        `  ${((Date.now() - began) / 1000).toFixed(0)} s: ${result.runs} runs in ${(result.wallMs / 1000).toFixed(1)} s, ` +
          `${result.moved} moved, ${result.restored} rebuilt, ${result.problems.length} problem(s)`,
      );
    }
  }
  const wallS = (Date.now() - startedAt.getTime()) / 1000;
  log(`wrote ${writeReport('machines', renderMachines(rounds, SETTINGS, startedAt, machine, wallS))}`);
  const problems = rounds.flatMap((r) => r.problems);
  if (problems.length > 0) {
    log(`\n${problems.length} problem(s): work lost or stuck (see the report):`);
    for (const p of problems) log(`  ${p}`);
    process.exitCode = 1;
  }
}

await main();

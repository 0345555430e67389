// Settings of the events benchmark (environment overrides for quick trial runs: bench/README.md).
import { benchPort } from '../shared/dashboard';

export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Events appended as fast as possible per throughput round. */
export const BURST = Number(process.env.BENCH_BURST ?? 5_000);
/** Events per appendEvents call: 1 as the pipeline's event log appends, 50 (one buffer batch) for contrast. */
export const PER_CALL = [1, 50];
/** Offered rates (events/s), the goal's first. */
export const PACED_RATES = [2_000, 4_000];
export const PACED_S = Number(process.env.BENCH_PACED_S ?? 5);
/** Latency samples per round, mode and subscriber count. */
export const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 100);
export const SUBSCRIBERS = (process.env.BENCH_SUBSCRIBERS ?? '1,10').split(',').map(Number);
/** Seed the api benchmark's 10,000 tasks / 1,000,000 events first (0 to skip, for quick trials). */
export const SEED = process.env.BENCH_EVENTS_SEED !== '0';
export const PORT = benchPort(3320);
export const GOAL_RATE = 2_000;
export const GOAL_P95_MS = 250;
export const LEASE_MS = 30_000;

export const log = (line: string) => process.stdout.write(`[bench:events] ${line}\n`);

// Settings of the api benchmark (environment overrides for quick trial runs: bench/README.md).
import { benchPort } from '../shared/dashboard';

export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
export const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 8);
export const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 3);
export const PROFILE_S = Number(process.env.BENCH_PROFILE_S ?? 6);
export const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '1,10').split(',').map(Number);
export const PORT = benchPort(3310);
export const GOAL_P95_MS = 50;
/** The deep page starts after this many tasks (page 181 of 200 at 50 a page). */
export const DEEP_OFFSET = 9_000;

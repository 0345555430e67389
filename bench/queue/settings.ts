// Settings and shapes of the queue benchmark (environment overrides for quick trial runs: bench/README.md).
import type { Profile } from '../shared/profile';

export const PROCESS_COUNTS = [1, 4];
export const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
export const LATENCY_RUNS = Number(process.env.BENCH_LATENCY_RUNS ?? 100);
export const THROUGHPUT_RUNS = Number(process.env.BENCH_THROUGHPUT_RUNS ?? 1_000);
export const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
/** Single runs each started worker handles before pickup is measured (discarded). */
export const PICKUP_WARM_UP_RUNS = Number(process.env.BENCH_PICKUP_WARM_UP_RUNS ?? 30);
/** Between single enqueues, so that every run finds idle workers. */
export const GAP_MS = 40;
/** Runs a started worker handles before its profile starts (its connections and statements warm). */
export const WARM_UP_RUNS = 200;

export interface Measurement {
  system: string;
  processes: number;
  /** Pickup latency samples (ms) of every repeat, pooled; and each repeat's p50/p99. */
  latency: number[];
  latencyP50s: number[];
  latencyP99s: number[];
  /** Runs per second of each repeat: count / (last handler start - commit of the batch). */
  throughput: number[];
  commitsPerRun: number;
  /** CPU (user + system) of all worker processes during the throughput phase, per run. */
  workerCpuMsPerRun: number;
  /** Switchyard only: the claim's plan on this database once the benchmark ran. */
  plan?: string;
}

export interface Profiled {
  system: string;
  profile: Profile;
  runsPerSecond: number;
  /** Statements the worker process sent through node-postgres while profiled, per run (idle polls included). */
  queriesPerRun: number;
}

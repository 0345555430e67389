// Shapes shared by the api benchmark's run, query plans and report.
import type { Profile } from '../shared/profile';

export interface Scenario {
  name: string;
  procedure: string;
  input: unknown;
  /** What one response holds, checked once before measuring. */
  check: (json: unknown) => string;
}

export interface Round {
  scenario: string;
  connections: number;
  round: number;
  latencies: number[];
  rps: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** Dashboard CPU (all its processes) per request. */
  cpuMsPerRequest: number;
}

export interface CapturedStatement {
  text: string;
  values: unknown[];
}

export interface Profiled {
  scenario: string;
  requests: number;
  profile: Profile;
  /** Non-idle CPU of the busiest dashboard process per request, from the profile. */
  cpuMsPerRequest: number;
  /** Statements that process sent through node-postgres per request (start-up included). */
  statementsPerRequest: number;
}

export interface Plan {
  procedure: string;
  statements: { text: string; plan: string; executionMs: number | null }[];
}

// The figures this benchmark measured before issue 17's API changes, for the report's before/after
// table: the run committed on 2026-11-26 (Intel Xeon host, load 0.7), and a rerun of the same code
// (commit 28da5a6, lastUsedAt already written at most once a minute) on 2026-12-07 at 06:34 UTC on
// an AMD EPYC host under load (load average 3.6–7), the same morning; and the run committed with
// 1145c7c (2026-12-07 10:28 UTC, load 0.6–1.5), after decisions 0011 and 0014 and before 0016; and
// 948f712 (decision 0016) rerun on 2026-12-07 at 15:15 UTC (load 0.2–1.5) on the host of the run after
// it: a faster VM of the same kind than the one of 13:18, where the same code measured 6.39 ms of CPU
// per tasks.get at 10 connections against 3.21 here. That column is the fair "before" of the copy-on-write
// serializer and the array rows (the run after it came minutes later on the same host).

export interface Before {
  label: string;
  /** scenario name → connections → figures */
  figures: Record<string, Record<number, { p95: number; cpuMsPerRequest: number }>>;
  bodies: Record<string, string>;
}

const LIST = 'tasks.list, first page (50)';
const DEEP = 'tasks.list, deep cursor (after 9,000)';
const GET = 'tasks.get, 200 runs / 200,000 events';

export const BEFORE: Before[] = [
  {
    label: '2026-11-26',
    figures: {
      [LIST]: { 1: { p95: 11.8, cpuMsPerRequest: 6.95 }, 10: { p95: 85.2, cpuMsPerRequest: 6.15 } },
      [DEEP]: { 1: { p95: 12.0, cpuMsPerRequest: 7.17 }, 10: { p95: 83.6, cpuMsPerRequest: 5.87 } },
      [GET]: { 1: { p95: 49.5, cpuMsPerRequest: 38.5 }, 10: { p95: 467, cpuMsPerRequest: 37.6 } },
    },
    bodies: { [LIST]: '27.3 KiB', [DEEP]: '27.7 KiB', [GET]: '257.5 KiB' },
  },
  {
    label: '2026-12-07, 28da5a6',
    figures: {
      [LIST]: { 1: { p95: 30.4, cpuMsPerRequest: 8.4 }, 10: { p95: 349, cpuMsPerRequest: 8.23 } },
      [DEEP]: { 1: { p95: 32.4, cpuMsPerRequest: 8.69 }, 10: { p95: 273, cpuMsPerRequest: 7.58 } },
      [GET]: { 1: { p95: 150, cpuMsPerRequest: 47.3 }, 10: { p95: 1388, cpuMsPerRequest: 48.1 } },
    },
    bodies: { [LIST]: '27.3 KiB', [DEEP]: '27.7 KiB', [GET]: '257.7 KiB' },
  },
  {
    label: '2026-12-07, 1145c7c',
    figures: {
      [LIST]: { 1: { p95: 8.88, cpuMsPerRequest: 4.3 }, 10: { p95: 52.1, cpuMsPerRequest: 3.4 } },
      [DEEP]: { 1: { p95: 9.64, cpuMsPerRequest: 4.66 }, 10: { p95: 52.7, cpuMsPerRequest: 3.05 } },
      [GET]: { 1: { p95: 24.7, cpuMsPerRequest: 13.1 }, 10: { p95: 177, cpuMsPerRequest: 12.3 } },
    },
    bodies: { [LIST]: '27.3 KiB', [DEEP]: '27.7 KiB', [GET]: '139.5 KiB' },
  },
  {
    label: '2026-12-07 15:15, 948f712',
    figures: {
      [LIST]: { 1: { p95: 1.66, cpuMsPerRequest: 0.973 }, 10: { p95: 12.9, cpuMsPerRequest: 0.794 } },
      [DEEP]: { 1: { p95: 1.77, cpuMsPerRequest: 1.06 }, 10: { p95: 13.2, cpuMsPerRequest: 0.805 } },
      [GET]: { 1: { p95: 7.1, cpuMsPerRequest: 3.6 }, 10: { p95: 47.0, cpuMsPerRequest: 3.21 } },
    },
    bodies: { [LIST]: '27.3 KiB', [DEEP]: '27.7 KiB', [GET]: '139.5 KiB' },
  },
];

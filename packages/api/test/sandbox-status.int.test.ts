import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiHarness } from './support/api-harness';
import { type TeamFixture, teamFixture } from './support/two-teams';

let db: TestDatabase;
let alpha: TeamFixture;
let bravo: TeamFixture;
beforeAll(async () => {
  db = await freshDatabase();
  const harness = apiHarness(db.prisma);
  alpha = await teamFixture(db.prisma, harness, 'Alpha');
  bravo = await teamFixture(db.prisma, harness, 'Bravo');
});
afterAll(() => db?.drop());

it("stats.sandbox counts the team's recent runs whose commands ran unsandboxed (the dashboard's banner), and only its own", async () => {
  const api = await alpha.viewer.api();
  expect(await api.stats.sandbox()).toEqual({ days: 7, unsandboxedRuns: 0, lastUnsandboxedAt: null });

  const startedAt = new Date(Date.now() - 3_600_000);
  const run = (taskId: string, when: Date) =>
    db.prisma.phaseRun.create({
      data: {
        taskId,
        phase: 'coding',
        kind: 'coding.subtask',
        status: 'succeeded',
        startedAt: when,
        unsandboxed: true,
      },
    });
  await run(alpha.taskId, startedAt);
  await run(alpha.taskId, new Date(Date.now() - 10 * 86_400_000)); // older than the window
  await run(bravo.taskId, new Date());

  expect(await api.stats.sandbox()).toEqual({ days: 7, unsandboxedRuns: 1, lastUnsandboxedAt: startedAt });
  expect((await api.stats.sandbox({ days: 30 })).unsandboxedRuns).toBe(2);
});

import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness } from './support/api-harness';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db?.drop());

describe('stats.usage', () => {
  it("sums tokens and cost per day, serving provider and phase, over the team's runs only", async () => {
    const harness = apiHarness(db.prisma);
    const owner = await harness.signUp('Stats');
    const other = await harness.signUp('Other');
    const teamId = (await (await owner.api()).teams.current()).team.id;
    const otherTeamId = (await (await other.api()).teams.current()).team.id;

    const day = new Date('2026-11-20T10:00:00Z');
    async function runsFor(
      team: string,
      runs: { phase: 'spec' | 'coding'; provider: string; hopTo?: string; cost: number }[],
    ) {
      const project = await db.prisma.project.create({
        data: { teamId: team, name: `p-${team}`, repoPath: '/tmp/x' },
      });
      const task = await db.prisma.task.create({
        data: { teamId: team, projectId: project.id, title: 't', description: 't' },
      });
      for (const run of runs) {
        await db.prisma.phaseRun.create({
          data: {
            taskId: task.id,
            phase: run.phase,
            kind: `${run.phase}.x`,
            status: 'succeeded',
            startedAt: day,
            finishedAt: new Date(),
            inputTokens: 100n,
            outputTokens: 10n,
            costUsd: run.cost,
            routingDecision: {
              provider: run.provider,
              hops: run.hopTo ? [{ to: { provider: run.hopTo } }] : [],
            },
          },
        });
      }
    }
    await runsFor(teamId, [
      { phase: 'spec', provider: 'anthropic', cost: 0.5 },
      { phase: 'spec', provider: 'anthropic', cost: 0.25 },
      { phase: 'coding', provider: 'zai', hopTo: 'anthropic', cost: 1 },
    ]);
    await runsFor(otherTeamId, [{ phase: 'coding', provider: 'openai', cost: 9 }]);

    const { points } = await (await owner.api()).stats.usage({ days: 30 });

    const today = new Date().toISOString().slice(0, 10);
    expect(points).toEqual(
      [
        {
          date: today,
          provider: 'anthropic',
          phase: 'spec',
          inputTokens: 200,
          outputTokens: 20,
          costUsd: 0.75,
        },
        // Served by the fallback after a hop: counted for the provider that did the work.
        {
          date: today,
          provider: 'anthropic',
          phase: 'coding',
          inputTokens: 100,
          outputTokens: 10,
          costUsd: 1,
        },
      ]
        .sort((a, b) => a.phase.localeCompare(b.phase))
        .reverse(),
    );
  });
});

import { BUILTIN_PROFILES, seedBuiltinProfiles } from '@switchyard/db/seed';
import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness } from './support/api-harness';

let db: TestDatabase;
let harness: ReturnType<typeof apiHarness>;
beforeAll(async () => {
  db = await freshDatabase();
  harness = apiHarness(db.prisma);
  await seedBuiltinProfiles(db.prisma);
});
afterAll(() => db?.drop());

async function userWithProject(name: string) {
  const user = await harness.signUp(name);
  const ctx = await user.ctx();
  const team = ctx.team!;
  const project = await db.prisma.project.create({
    data: { teamId: team.id, name: 'checkout-service', repoPath: '/srv/checkout' },
  });
  return { user, team, project };
}

describe('overview.get', () => {
  it('lists the built-in profiles with each phase routed to its provider and model, signed out too', async () => {
    const overview = await (await harness.anonymous()).overview.get();

    const builtins = overview.profiles.filter((p) => p.builtin);
    expect(builtins.map((p) => p.name).sort()).toEqual(
      [
        'Auto (Optimized)',
        'Balanced',
        'Complex',
        'Offline demo',
        'Opus planning + GLM coding',
        'Quick',
        'Z.AI only',
      ].sort(),
    );
    expect(overview.counts.profiles).toBe(BUILTIN_PROFILES.length);
    expect(overview.tasks).toEqual([]);
    const mixed = builtins.find((p) => p.name === 'Opus planning + GLM coding')!;
    expect(mixed.phasesError).toBeNull();
    expect(mixed.phases).toEqual([
      { phase: 'spec', provider: 'anthropic', model: 'opus' },
      { phase: 'planning', provider: 'anthropic', model: 'opus' },
      { phase: 'coding', provider: 'zai', model: 'glm-4.7' },
      { phase: 'qa', provider: 'zai', model: 'glm-4.7' },
    ]);
  });

  it("shows the caller's team's newest task with its project, and no other team's", async () => {
    const { user, team, project } = await userWithProject('Ada');
    const other = await userWithProject('Eve');
    const task = await db.prisma.task.create({
      data: {
        teamId: team.id,
        projectId: project.id,
        title: 'Add coupon codes',
        description: 'Support coupons',
      },
    });
    await db.prisma.task.create({
      data: { teamId: other.team.id, projectId: other.project.id, title: 'Secret plan', description: 'x' },
    });

    const overview = await (await user.api()).overview.get();

    expect(overview.tasks).toEqual([
      {
        id: task.id,
        title: 'Add coupon codes',
        status: 'queued',
        createdAt: task.createdAt,
        projectName: 'checkout-service',
      },
    ]);
    expect(overview.counts.tasks).toBe(1);
  });

  it('lists team profiles after the built-ins and reports a malformed phases column instead of failing', async () => {
    const { user, team } = await userWithProject('Grace');
    await db.prisma.agentProfile.create({
      data: { teamId: team.id, name: 'Half-configured', phases: { spec: { provider: 'anthropic' } } },
    });

    const overview = await (await user.api()).overview.get();

    const last = overview.profiles.at(-1)!;
    expect(last).toMatchObject({ name: 'Half-configured', builtin: false, phases: [] });
    expect(last.phasesError).toMatch(/spec\.model/);
    expect(overview.counts.profiles).toBe(BUILTIN_PROFILES.length + 1);
  });
});

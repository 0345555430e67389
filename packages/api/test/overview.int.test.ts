import { BUILTIN_PROFILES, seedBuiltinProfiles } from '@switchyard/db/seed';
import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter, createCallerFactory, createContext } from '../src';

const createCaller = createCallerFactory(appRouter);

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
  await seedBuiltinProfiles(db.prisma);
});
afterAll(() => db?.drop());

async function createTeamWithProject() {
  const team = await db.prisma.team.create({ data: { name: 'Acme', slug: `acme-${Date.now()}` } });
  const project = await db.prisma.project.create({
    data: { teamId: team.id, name: 'checkout-service', repoPath: '/srv/checkout' },
  });
  return { team, project };
}

describe('overview.get', () => {
  it('lists the built-in profiles with each phase routed to its provider and model', async () => {
    const overview = await createCaller(createContext(db.prisma)).overview.get();

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
    const mixed = builtins.find((p) => p.name === 'Opus planning + GLM coding')!;
    expect(mixed.phasesError).toBeNull();
    expect(mixed.phases).toEqual([
      { phase: 'spec', provider: 'anthropic', model: 'opus' },
      { phase: 'planning', provider: 'anthropic', model: 'opus' },
      { phase: 'coding', provider: 'zai', model: 'glm-4.7' },
      { phase: 'qa', provider: 'zai', model: 'glm-4.7' },
    ]);
  });

  it('shows a newly created task with its project, newest first, and counts it', async () => {
    const { team, project } = await createTeamWithProject();
    const before = await createCaller(createContext(db.prisma)).overview.get();
    const task = await db.prisma.task.create({
      data: {
        teamId: team.id,
        projectId: project.id,
        title: 'Add coupon codes',
        description: 'Support coupons',
      },
    });

    const overview = await createCaller(createContext(db.prisma)).overview.get();

    expect(overview.tasks[0]).toEqual({
      id: task.id,
      title: 'Add coupon codes',
      status: 'queued',
      createdAt: task.createdAt,
      projectName: 'checkout-service',
    });
    expect(overview.counts.tasks).toBe(before.counts.tasks + 1);
  });

  it('lists team profiles after the built-ins and reports a malformed phases column instead of failing', async () => {
    const { team } = await createTeamWithProject();
    await db.prisma.agentProfile.create({
      data: { teamId: team.id, name: 'Half-configured', phases: { spec: { provider: 'anthropic' } } },
    });

    const overview = await createCaller(createContext(db.prisma)).overview.get();

    const last = overview.profiles.at(-1)!;
    expect(last).toMatchObject({ name: 'Half-configured', builtin: false, phases: [] });
    expect(last.phasesError).toMatch(/spec\.model/);
    expect(overview.counts.profiles).toBe(BUILTIN_PROFILES.length + 1);
  });
});

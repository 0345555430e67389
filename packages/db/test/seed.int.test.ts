import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES, seedBuiltinProfiles } from '../src/seed';
import { freshDatabase, type TestDatabase } from '../src/testing/vitest';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db.drop());

describe('pnpm db:seed', () => {
  it('creates the seven built-in profiles once, however often it runs', async () => {
    const first = await seedBuiltinProfiles(db.prisma);
    const second = await seedBuiltinProfiles(db.prisma);

    expect(first).toEqual({ created: 7, updated: 0 });
    expect(second).toEqual({ created: 0, updated: 7 });
    const names = (
      await db.prisma.agentProfile.findMany({ where: { teamId: null }, orderBy: { name: 'asc' } })
    ).map((p) => p.name);
    expect(names).toEqual(
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
  });

  it('routes "Opus planning + GLM coding" to Anthropic for spec and planning and to Z.AI for coding and QA', async () => {
    await seedBuiltinProfiles(db.prisma);
    const profile = await db.prisma.agentProfile.findFirstOrThrow({
      where: { teamId: null, name: 'Opus planning + GLM coding' },
    });
    const phases = profile.phases as Record<string, { provider: string; model: string }>;
    expect(phases.spec).toMatchObject({ provider: 'anthropic', model: 'opus' });
    expect(phases.planning).toMatchObject({ provider: 'anthropic', model: 'opus' });
    expect(phases.coding).toMatchObject({ provider: 'zai', model: 'glm-4.7' });
    expect(phases.qa).toMatchObject({ provider: 'zai', model: 'glm-4.7' });
  });

  it('gives "Auto (Optimized)" opus on all phases with thinking ultrathink, high, low, low', async () => {
    const auto = BUILTIN_PROFILES.find((p) => p.name === 'Auto (Optimized)')!;
    expect(Object.values(auto.phases).map((p) => [p.model, p.thinking])).toEqual([
      ['opus', 'ultrathink'],
      ['opus', 'high'],
      ['opus', 'low'],
      ['opus', 'low'],
    ]);
  });

  it('keeps a built-in name unique at the database level', async () => {
    await seedBuiltinProfiles(db.prisma);
    await expect(
      db.prisma.agentProfile.create({ data: { name: 'Quick', teamId: null, phases: {} } }),
    ).rejects.toThrow(/Unique constraint/);
  });
});

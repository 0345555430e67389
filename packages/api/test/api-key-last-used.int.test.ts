import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness } from './support/api-harness';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db?.drop());

describe("an API key's last use", () => {
  it('is recorded to the minute, without a write on every request', async () => {
    const harness = apiHarness(db.prisma);
    const owner = await harness.signUp('Keys');
    const apiKey = await (await owner.api()).apiKeys.create({ name: 'script' });
    const key = apiKey.key;
    const lastUsed = async () =>
      (await db.prisma.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).lastUsedAt;

    await (await harness.withApiKey(key)).teams.current();
    const first = await lastUsed();
    await (await harness.withApiKey(key)).teams.current();

    expect(first).not.toBeNull();
    expect(await lastUsed()).toEqual(first);

    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await db.prisma.apiKey.update({ where: { id: apiKey.id }, data: { lastUsedAt: twoMinutesAgo } });
    await (await harness.withApiKey(key)).teams.current();
    expect((await lastUsed())!.getTime()).toBeGreaterThan(twoMinutesAgo.getTime());
  });
});

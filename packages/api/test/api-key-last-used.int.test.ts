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

  it('is written once for requests within a minute, concurrent ones included (counted by a trigger)', async () => {
    const harness = apiHarness(db.prisma);
    const owner = await harness.signUp('Writes');
    const apiKey = await (await owner.api()).apiKeys.create({ name: 'busy script' });
    await db.prisma.$executeRawUnsafe('CREATE TABLE "ApiKeyWrite" (id text NOT NULL)');
    await db.prisma.$executeRawUnsafe(`
      CREATE FUNCTION count_api_key_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO "ApiKeyWrite" VALUES (NEW.id); RETURN NEW; END $$`);
    await db.prisma.$executeRawUnsafe(
      'CREATE TRIGGER count_api_key_write AFTER UPDATE ON "ApiKey" FOR EACH ROW EXECUTE FUNCTION count_api_key_write()',
    );
    const writes = async () =>
      Number(
        (
          await db.prisma.$queryRaw<
            { n: bigint }[]
          >`SELECT count(*) AS n FROM "ApiKeyWrite" WHERE id = ${apiKey.id}`
        )[0]!.n,
      );
    const call = async () => (await harness.withApiKey(apiKey.key)).teams.current();

    await call();
    await call();
    expect(await writes()).toBe(1);

    // A minute later, ten requests at once: one write between them.
    await db.prisma
      .$executeRaw`UPDATE "ApiKey" SET "lastUsedAt" = now() - interval '2 minutes' WHERE id = ${apiKey.id}`;
    const before = await writes();
    await Promise.all(Array.from({ length: 10 }, call));
    expect((await writes()) - before).toBe(1);
  });
});

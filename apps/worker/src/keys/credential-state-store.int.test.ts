import { encryptSecret } from '@switchyard/db/secrets';
import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialStateStore } from './credential-state-store';

// The pool state every worker shares: what one worker records, another reads.

let db: TestDatabase;
let teamId: string;
const KEY = Buffer.alloc(32, 7);
const at = (hm: string) => new Date(`2026-12-07T${hm}:00Z`);

beforeAll(async () => {
  db = await freshDatabase();
  teamId = (await db.prisma.team.create({ data: { name: 'Pool', slug: 'pool' } })).id;
});
afterAll(async () => {
  await db?.drop();
});

async function credential(label: string) {
  return db.prisma.providerCredential.create({
    data: {
      teamId,
      provider: 'zai',
      label,
      protocol: 'openai_chat',
      secretCiphertext: encryptSecret(`secret-${label}`, KEY),
      last4: '0000',
    },
  });
}

describe('credentialStateStore', () => {
  it('a rest written by one worker is read by another, with the capacity last reported', async () => {
    const c = await credential('shared');
    const one = credentialStateStore(db.prisma);
    const other = credentialStateStore(db.prisma);
    await one.observe(
      c.id,
      { requests: { limit: 100, remaining: 3, resetAt: at('13:01') }, tokens: null },
      at('13:00'),
    );
    await one.rest(
      c.id,
      { kind: 'quota_exhausted', until: at('14:05'), reason: '1308: Usage limit', untilFrom: 'the message' },
      at('13:00'),
    );

    const state = (await other.read([c.id])).get(c.id);
    expect(state).toMatchObject({
      restingSince: at('13:00'),
      restingUntil: at('14:05'),
      restKind: 'quota_exhausted',
      restReason: '1308: Usage limit',
      limits: { requests: { limit: 100, remaining: 3, resetAt: at('13:01') }, tokens: null },
    });
  });

  it('never shortens a longer rest another worker recorded, but lengthens a shorter one', async () => {
    const c = await credential('longest');
    const store = credentialStateStore(db.prisma);
    await store.rest(
      c.id,
      { kind: 'quota_exhausted', until: at('14:05'), reason: '1308: window', untilFrom: 'the message' },
      at('13:00'),
    );
    await store.rest(
      c.id,
      { kind: 'rate_limited', until: at('13:00'), reason: '1302: busy', untilFrom: 'default' },
      at('13:00'),
    );
    expect((await store.read([c.id])).get(c.id)).toMatchObject({
      restingUntil: at('14:05'),
      restKind: 'quota_exhausted',
    });

    await store.rest(
      c.id,
      { kind: 'no_balance', until: null, reason: '1113: no balance', untilFrom: 'until edited' },
      at('13:10'),
    );
    expect((await store.read([c.id])).get(c.id)).toMatchObject({
      restingUntil: null,
      restKind: 'no_balance',
    });
    // Until edited outlasts any time.
    await store.rest(
      c.id,
      { kind: 'rate_limited', until: at('23:00'), reason: '1302: busy', untilFrom: 'retry-after' },
      at('13:20'),
    );
    expect((await store.read([c.id])).get(c.id)).toMatchObject({
      restingUntil: null,
      restKind: 'no_balance',
    });
  });

  it('a credential deleted while a phase used it is left alone', async () => {
    const c = await credential('deleted');
    await db.prisma.providerCredential.delete({ where: { id: c.id } });
    const store = credentialStateStore(db.prisma);
    await expect(
      store.rest(
        c.id,
        { kind: 'rate_limited', until: at('13:01'), reason: 'x', untilFrom: 'default' },
        at('13:00'),
      ),
    ).resolves.toBeUndefined();
    expect((await store.read([c.id])).size).toBe(0);
  });
});

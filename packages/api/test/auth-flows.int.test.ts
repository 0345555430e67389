import { seedOfflineDemo } from '@switchyard/db/seed';
import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness } from './support/api-harness';

let db: TestDatabase;
let harness: ReturnType<typeof apiHarness>;
beforeAll(async () => {
  db = await freshDatabase();
  harness = apiHarness(db.prisma);
  await seedOfflineDemo(db.prisma, '/tmp/demo-repo', 'npm test');
});
afterAll(() => db?.drop());

describe('sign-up and teams', () => {
  it('makes the first user owner of the empty demo team (with its project), and the next user owner of a team of their own', async () => {
    const first = await harness.signUp('Ada');
    const api = await first.api();
    const current = await api.teams.current();
    expect(current).toMatchObject({ team: { slug: 'demo', name: 'Demo team' }, role: 'owner' });
    expect((await api.projects.list()).map((p) => p.name)).toEqual(['Offline demo project']);

    const second = await harness.signUp('Bob');
    const mine = await (await second.api()).teams.current();
    expect(mine).toMatchObject({ team: { name: "Bob's team", slug: 'bob' }, role: 'owner' });
    expect(await (await second.api()).projects.list()).toEqual([]);
  });

  it('an unauthenticated caller is UNAUTHORIZED; a user without a team is FORBIDDEN on team procedures', async () => {
    await expect((await harness.anonymous()).tasks.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const loner = await harness.signUp('Loner');
    const team = (await loner.ctx()).team!;
    await db.prisma.membership.deleteMany({ where: { teamId: team.id } });
    await expect((await loner.api()).tasks.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await (await loner.api()).teams.myInvitations()).toEqual([]);
  });

  it('invites by email; the invitee accepts, switches teams, and the last owner cannot be demoted', async () => {
    const owner = await harness.signUp('Olive');
    const invitee = await harness.signUp('Ivan');
    const ownerApi = await owner.api();
    const ownerTeam = (await owner.ctx()).team!.id;

    const invitation = await ownerApi.teams.invite({ email: invitee.email.toUpperCase(), role: 'admin' });
    expect(invitation).toMatchObject({ email: invitee.email, role: 'admin', status: 'pending' });
    expect((await (await invitee.api()).teams.myInvitations()).map((i) => i.id)).toEqual([invitation.id]);
    await (await invitee.api()).teams.acceptInvitation({ invitationId: invitation.id });

    const inviteeApi = await invitee.api();
    expect(await inviteeApi.teams.current()).toMatchObject({ team: { id: ownerTeam }, role: 'admin' });
    const own = (await inviteeApi.teams.current()).teams.find((t) => t.id !== ownerTeam)!;
    await inviteeApi.teams.switchActive({ teamId: own.id });
    expect((await (await invitee.api()).teams.current()).team.id).toBe(own.id);
    await (await invitee.api()).teams.switchActive({ teamId: ownerTeam });

    // An admin cannot touch the owner; the owner cannot demote themselves while the only owner.
    await expect(
      (await invitee.api()).teams.changeRole({ userId: owner.userId, role: 'member' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(ownerApi.teams.changeRole({ userId: owner.userId, role: 'admin' })).rejects.toThrow(
      /at least one owner/,
    );
    await ownerApi.teams.changeRole({ userId: invitee.userId, role: 'owner' });
    await ownerApi.teams.changeRole({ userId: owner.userId, role: 'member' });
    expect((await ownerApi.teams.members()).members.map((m) => m.role).sort()).toEqual(['member', 'owner']);
  });
});

describe('API keys', () => {
  it('authenticate as their owner within their team, show only their start, and stop working once revoked', async () => {
    const user = await harness.signUp('Kim');
    const api = await user.api();
    const created = await api.apiKeys.create({ name: 'laptop' });
    expect(created.key).toMatch(/^sy_[\w-]{43}$/);
    expect(created.start).toBe(created.key.slice(0, 8));

    const listed = await api.apiKeys.list();
    expect(JSON.stringify(listed)).not.toContain(created.key);
    const row = await db.prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.key).not.toBe(created.key);
    expect(row.key).toMatch(/^[0-9a-f]{64}$/);

    const viaKey = await harness.withApiKey(created.key);
    expect((await viaKey.teams.current()).team.id).toBe((await user.ctx()).team!.id);
    await expect(viaKey.teams.switchActive({ teamId: (await user.ctx()).team!.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });

    await api.apiKeys.revoke({ id: created.id });
    await expect((await harness.withApiKey(created.key)).teams.current()).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    await expect((await harness.withApiKey('sy_not-a-real-key')).tasks.list()).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });
});

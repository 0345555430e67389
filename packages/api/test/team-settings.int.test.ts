import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness } from './support/api-harness';
import { type TeamFixture, teamFixture } from './support/two-teams';

let db: TestDatabase;
let team: TeamFixture;
beforeAll(async () => {
  db = await freshDatabase();
  team = await teamFixture(db.prisma, apiHarness(db.prisma), 'Search');
});
afterAll(() => db?.drop());

const stored = async () =>
  (await db.prisma.team.findUniqueOrThrow({ where: { id: team.teamId }, select: { webSearch: true } }))
    .webSearch;

describe("a team's web search backend (the SearXNG instance its agents' WebSearch queries)", () => {
  it('is unset by default: teams.current says null', async () => {
    const api = await team.member.api();
    expect((await api.teams.current()).webSearch).toBeNull();
  });

  it('is set by the owner, in one spelling, and every member reads it', async () => {
    const api = await team.owner.api();
    const saved = await api.teams.updateSettings({
      webSearch: { kind: 'searxng', url: ' http://127.0.0.1:8888/searx/ ' },
    });
    expect(saved).toEqual({ webSearch: { kind: 'searxng', url: 'http://127.0.0.1:8888/searx' } });
    expect(await stored()).toEqual({ kind: 'searxng', url: 'http://127.0.0.1:8888/searx' });
    for (const reader of [team.owner, team.member, team.viewer]) {
      const current = await (await reader.api()).teams.current();
      expect(current.webSearch).toEqual({ kind: 'searxng', url: 'http://127.0.0.1:8888/searx' });
      expect(current.team).not.toHaveProperty('webSearch');
    }
  });

  it('is cleared with null', async () => {
    const api = await team.owner.api();
    await api.teams.updateSettings({ webSearch: { kind: 'searxng', url: 'https://search.example.com' } });
    expect(await api.teams.updateSettings({ webSearch: null })).toEqual({ webSearch: null });
    expect(await stored()).toBeNull();
    expect((await api.teams.current()).webSearch).toBeNull();
  });

  it.each([
    ['ftp://search.example.com', /must start with http:\/\/ or https:\/\/ \(got ftp:\/\/\)/],
    ['https://me:hunter2@search.example.com', /must not contain a user name or password/],
    ['https://search.example.com/search?q=x', /must not have a query or fragment/],
    ['search.example.com', /search.example.com.* is not a URL: write the SearXNG instance's address/],
  ])('refuses %s, saying what to write', async (url, message) => {
    const api = await team.owner.api();
    await expect(api.teams.updateSettings({ webSearch: { kind: 'searxng', url } })).rejects.toThrow(message);
    expect(await stored()).toBeNull();
  });

  it('refuses an unknown kind of backend and unknown settings', async () => {
    const api = await team.owner.api();
    await expect(
      api.teams.updateSettings({ webSearch: { kind: 'google', url: 'https://google.com' } } as never),
    ).rejects.toThrow(/searxng/);
    await expect(
      api.teams.updateSettings({ webSearch: null, defaultProvider: 'zai' } as never),
    ).rejects.toThrow(/defaultProvider/);
  });

  it.each([
    ['member', () => team.member],
    ['viewer', () => team.viewer],
  ])('may not be changed by a %s, only by an admin or the owner', async (role, who) => {
    const api = await who().api();
    await expect(
      api.teams.updateSettings({ webSearch: { kind: 'searxng', url: 'http://127.0.0.1:9999' } }),
    ).rejects.toThrow(`This needs the admin role or higher in the team; you are ${role}.`);
    expect(await stored()).toBeNull();
  });

  it('is changed by an admin', async () => {
    const owner = await team.owner.api();
    await owner.teams.changeRole({ userId: team.member.userId, role: 'admin' });
    const admin = await team.member.api();
    await admin.teams.updateSettings({ webSearch: { kind: 'searxng', url: 'https://search.example.com' } });
    expect(await stored()).toEqual({ kind: 'searxng', url: 'https://search.example.com' });
    await owner.teams.changeRole({ userId: team.member.userId, role: 'member' });
  });
});

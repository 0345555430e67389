import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness } from './support/api-harness';
import { type TeamFixture, teamFixture } from './support/two-teams';

let db: TestDatabase;
let team: TeamFixture;
beforeAll(async () => {
  db = await freshDatabase();
  team = await teamFixture(db.prisma, apiHarness(db.prisma), 'Settings');
});
afterAll(() => db?.drop());

describe("a project's network allow list (the hosts its sandboxed commands may reach)", () => {
  it('is empty by default: no network', async () => {
    const api = await team.owner.api();
    const [project] = await api.projects.list();
    expect(project!.networkAllow).toEqual([]);
  });

  it('is set by an admin, normalised, and kept beside the other settings', async () => {
    const api = await team.owner.api();
    await db.prisma.project.update({
      where: { id: team.projectId },
      data: { settings: { maxQaIterations: 3 } },
    });
    const updated = await api.projects.updateSettings({
      id: team.projectId,
      networkAllow: [
        ' Registry.npmjs.org ',
        '*.pythonhosted.org',
        'registry.npmjs.org',
        'git.example.com:8443',
      ],
    });
    expect(updated.networkAllow).toEqual([
      'registry.npmjs.org',
      '*.pythonhosted.org',
      'git.example.com:8443',
    ]);
    const row = await db.prisma.project.findUniqueOrThrow({ where: { id: team.projectId } });
    expect(row.settings).toEqual({
      maxQaIterations: 3,
      networkAllow: ['registry.npmjs.org', '*.pythonhosted.org', 'git.example.com:8443'],
    });
    expect((await api.projects.list())[0]!.networkAllow).toHaveLength(3);
    await api.projects.updateSettings({ id: team.projectId, networkAllow: [] });
    expect((await api.projects.list())[0]!.networkAllow).toEqual([]);
  });

  it.each([
    ['https://registry.npmjs.org/', /without a scheme or path/],
    ['localhost', /with a domain/],
    ['example.com:70000', /port outside 1-65535/],
    ['exa mple.com', /is not a host name/],
  ])('refuses %s, saying what to write', async (host, message) => {
    const api = await team.owner.api();
    await expect(api.projects.updateSettings({ id: team.projectId, networkAllow: [host] })).rejects.toThrow(
      message,
    );
  });

  it('may not be widened by a member, only by an admin or the owner', async () => {
    const api = await team.member.api();
    await expect(
      api.projects.updateSettings({ id: team.projectId, networkAllow: ['registry.npmjs.org'] }),
    ).rejects.toThrow(/needs the admin role or higher in the team; you are member/);
  });
});

describe("a project's QA review cap and Bash allow list", () => {
  it('default to 5 rounds and no allow list, and are set and cleared by an admin', async () => {
    const api = await team.owner.api();
    await db.prisma.project.update({ where: { id: team.projectId }, data: { settings: {} } });
    const before = (await api.projects.list()).find((p) => p.id === team.projectId)!;
    expect(before).toMatchObject({ maxQaIterations: 5, bashAllow: null });
    const updated = await api.projects.updateSettings({
      id: team.projectId,
      maxQaIterations: 2,
      bashAllow: ['npm (test|run lint)', 'git (status|diff).*', 'npm (test|run lint)'],
    });
    expect(updated).toMatchObject({
      maxQaIterations: 2,
      bashAllow: ['npm (test|run lint)', 'git (status|diff).*'],
    });
    // What the worker reads: the same keys, beside the network list, in the project's settings.
    const row = await db.prisma.project.findUniqueOrThrow({ where: { id: team.projectId } });
    expect(row.settings).toMatchObject({
      maxQaIterations: 2,
      bashAllow: ['npm (test|run lint)', 'git (status|diff).*'],
    });
    const cleared = await api.projects.updateSettings({ id: team.projectId, bashAllow: null });
    expect(cleared).toMatchObject({ maxQaIterations: 2, bashAllow: null });
    expect(
      (await db.prisma.project.findUniqueOrThrow({ where: { id: team.projectId } })).settings,
    ).not.toHaveProperty('bashAllow');
  });

  it.each([
    [{ maxQaIterations: 0 }, /at least 1 review round/],
    [{ maxQaIterations: 21 }, /at most 20 review rounds/],
    [{ maxQaIterations: 2.5 }, /whole number of review rounds/],
    [{ bashAllow: ['npm (test'] }, /npm \(test\\?" is not a regular expression \(Unterminated group\)/],
    [{ bashAllow: [] }, /give at least one pattern, or null to clear the list/],
    [{ bashAllow: ['  '] }, /a pattern cannot be empty/],
  ])('refuses %o, saying what is wrong', async (settings, message) => {
    const api = await team.owner.api();
    await expect(api.projects.updateSettings({ id: team.projectId, ...settings })).rejects.toThrow(message);
  });

  it('may not be changed by a member', async () => {
    const api = await team.member.api();
    await expect(api.projects.updateSettings({ id: team.projectId, maxQaIterations: 20 })).rejects.toThrow(
      /needs the admin role/,
    );
  });
});

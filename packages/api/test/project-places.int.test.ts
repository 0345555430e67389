import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectPlacesFrom } from '@switchyard/db/project-places';
import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness, type createCaller } from './support/api-harness';

// A worker host of its own: the install (a git checkout), its data directory with the worktrees,
// clones and the embedded database, and two operator roots for the teams' repositories.
const host = mkdtempSync(join(tmpdir(), 'switchyard-places-'));
const install = join(host, 'switchyard');
const data = join(install, '.data');
const rootA = join(host, 'repos');
const rootB = join(host, 'more-repos');

function gitRepo(dir: string, branch = 'main'): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'README.md'), 'x\n');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '--quiet', `--initial-branch=${branch}`);
  git('add', '.');
  git('-c', 'user.name=T', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', 'init');
  return dir;
}

let db: TestDatabase;
let alice: ReturnType<typeof createCaller>;
let bob: ReturnType<typeof createCaller>;
let bobsRepo: string;
beforeAll(async () => {
  db = await freshDatabase();
  gitRepo(install);
  gitRepo(join(data, 'worktrees', 'task-1'));
  gitRepo(join(data, 'repos', 'clone-1'));
  mkdirSync(join(data, 'pg'), { recursive: true });
  const places = projectPlacesFrom(
    { SWITCHYARD_PROJECT_ROOTS: `${rootA}:${rootB}` },
    { installDir: install, dataDir: data },
  );
  const harness = apiHarness(db.prisma, { projectPlaces: places });
  alice = await (await harness.signUp('Alice')).api();
  bob = await (await harness.signUp('Bob')).api();
  bobsRepo = gitRepo(join(rootA, 'bob-app'));
  await bob.projects.create({ name: 'bob app', repoPath: bobsRepo });
});
afterAll(() => db?.drop());

describe('where a project given by a local path may live', () => {
  it('accepts a git repository with the base branch under an operator root, stored with symlinks resolved', async () => {
    const repo = gitRepo(join(rootB, 'shop'), 'trunk');
    symlinkSync(repo, join(rootA, 'shop-link'));
    const project = await alice.projects.create({
      name: 'shop',
      repoPath: join(rootA, 'shop-link'),
      defaultBranch: 'trunk',
    });
    expect(project.repoPath).toBe(repo);
  });

  it.each([
    ['/', () => '/'],
    ['a folder outside the roots', () => gitRepo(join(host, 'elsewhere'))],
    ['.. out of a root', () => join(rootA, '..', 'switchyard')],
    ['a symlink made in a root that leads into the install', () => link(install, 'install-link')],
    ['a symlink made in a root that leads to the database', () => link(join(data, 'pg'), 'pg-link')],
  ])('refuses %s, naming the allowed roots and how the operator adds one', async (_name, path) => {
    const refusal = alice.projects.create({ name: `p-${Math.random()}`, repoPath: path() });
    await expect(refusal).rejects.toThrow(/is outside the folders projects may come from/);
    await expect(refusal).rejects.toThrow(
      `Projects may live under ${rootA}, ${rootB}, ${join(data, 'demo-repo')}; the operator adds a folder with SWITCHYARD_PROJECT_ROOTS`,
    );
    await expect(refusal).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it.each([
    ["another team's repository", () => bobsRepo],
    ["a symlink to another team's repository", () => link(bobsRepo, 'bob-link')],
    ["a folder around another team's repository", () => rootA],
  ])('refuses %s', async (_name, path) => {
    await expect(alice.projects.create({ name: `p-${Math.random()}`, repoPath: path() })).rejects.toThrow(
      /another team's project uses: a team may use only its own repositories/,
    );
  });

  it.each([
    ['a folder that does not exist', () => join(rootA, 'missing'), /does not exist on this host/],
    [
      'a folder that is not a git repository',
      () => mkdir(join(rootA, 'plain')),
      /is not a git repository: run "git init"/,
    ],
    [
      'a folder inside a repository',
      () => mkdir(join(gitRepo(join(rootA, 'mono')), 'pkg')),
      /is a folder inside the git repository .*mono: give .*mono itself/,
    ],
  ])('refuses %s, saying what to give instead', async (_name, path, message) => {
    await expect(alice.projects.create({ name: `p-${Math.random()}`, repoPath: path() })).rejects.toThrow(
      message,
    );
  });

  describe('when the operator allows a folder that holds Switchyard itself', () => {
    let carol: ReturnType<typeof createCaller>;
    beforeAll(async () => {
      const places = projectPlacesFrom(
        { SWITCHYARD_PROJECT_ROOTS: host },
        { installDir: install, dataDir: data },
      );
      carol = await (await apiHarness(db.prisma, { projectPlaces: places }).signUp('Carol')).api();
    });

    it.each([
      ['the install', () => install, /is inside the Switchyard install/],
      ['its database folder', () => join(data, 'pg'), /is inside Switchyard's data directory/],
      ['a task worktree', () => join(data, 'worktrees', 'task-1'), /is inside the worker's task worktrees/],
      ['a project clone', () => join(data, 'repos', 'clone-1'), /is inside the worker's project clones/],
      [
        'a symlink to a task worktree',
        () => link(join(data, 'worktrees', 'task-1'), 'wt-link'),
        /task worktrees/,
      ],
      ['the folder around them all', () => host, /is a folder around the Switchyard install/],
    ])('still refuses %s', async (_name, path, message) => {
      const refusal = carol.projects.create({ name: `p-${Math.random()}`, repoPath: path() });
      await expect(refusal).rejects.toThrow(message);
      await expect(refusal).rejects.toThrow(/the operator adds a folder with SWITCHYARD_PROJECT_ROOTS/);
    });

    it('accepts a repository of its own beside them', async () => {
      const repo = gitRepo(join(host, 'carol-app'));
      expect((await carol.projects.create({ name: 'carol app', repoPath: repo })).repoPath).toBe(repo);
    });
  });

  it.each([
    [
      "a .git file that points at another team's repository",
      () => {
        const dir = mkdir(join(rootA, 'borrowed'));
        writeFileSync(join(dir, '.git'), `gitdir: ${join(bobsRepo, '.git')}\n`);
        return dir;
      },
      /keeps its git data in another folder/,
    ],
    [
      'a .git symlink to the install',
      () => {
        const dir = mkdir(join(rootA, 'linked-git'));
        symlinkSync(join(install, '.git'), join(dir, '.git'));
        return dir;
      },
      /keeps its git data in another folder/,
    ],
    [
      "a repository that borrows another one's objects",
      () => {
        const dir = join(rootA, 'shared-objects');
        execFileSync('git', ['clone', '--quiet', '--shared', bobsRepo, dir]);
        return dir;
      },
      /borrows objects from another repository \(objects\/info\/alternates\)/,
    ],
    [
      'a repository whose config runs a checkout filter',
      () => {
        const dir = gitRepo(join(rootA, 'filtered'));
        execFileSync('git', ['config', 'filter.evil.smudge', 'touch /tmp/pwned'], { cwd: dir });
        execFileSync('git', ['config', 'core.sshCommand', 'sh -c id'], { cwd: dir });
        return dir;
      },
      /would run programs or read other folders as Switchyard \(core\.sshcommand, filter\.evil\.smudge\)/,
    ],
  ])('refuses %s', async (_name, path, message) => {
    await expect(alice.projects.create({ name: `p-${Math.random()}`, repoPath: path() })).rejects.toThrow(
      message,
    );
  });

  it('lets only one of two teams claim a repository when both add it at once', async () => {
    const repo = gitRepo(join(rootB, 'contested'));
    const outcomes = await Promise.allSettled([
      alice.projects.create({ name: 'contested', repoPath: repo }),
      bob.projects.create({ name: 'contested', repoPath: repo }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(String(refused.reason)).toMatch(/another team's project uses/);
  });

  it('refuses a base branch the repository does not have, listing those it has', async () => {
    const repo = gitRepo(join(rootA, 'branchy'), 'develop');
    await expect(alice.projects.create({ name: 'branchy', repoPath: repo })).rejects.toThrow(
      /has no branch "main" to start from \(its branches: develop\): set the project's base branch to an existing one/,
    );
  });

  it('checks a changed path or base branch again, and keeps the project as it was when refused', async () => {
    const project = await alice.projects.create({
      name: 'movable',
      repoPath: gitRepo(join(rootA, 'movable')),
    });
    await expect(alice.projects.update({ id: project.id, repoPath: install })).rejects.toThrow(
      /outside the folders/,
    );
    await expect(alice.projects.update({ id: project.id, defaultBranch: 'nope' })).rejects.toThrow(
      /no branch "nope"/,
    );
    const [stored] = (await alice.projects.list()).filter((p) => p.id === project.id);
    expect(stored).toMatchObject({ repoPath: project.repoPath, defaultBranch: 'main' });
  });

  it('holds a file:// git URL, which clones from this host, to the same rules', async () => {
    await expect(
      alice.projects.create({ name: 'theirs', gitUrl: pathToFileURL(bobsRepo).href }),
    ).rejects.toThrow(/another team's project uses/);
    // git ignores a file URL's host: so does the check.
    await expect(
      alice.projects.create({ name: 'theirs too', gitUrl: `file://otherhost${bobsRepo}` }),
    ).rejects.toThrow(/another team's project uses/);
    await expect(
      alice.projects.create({ name: 'install', gitUrl: pathToFileURL(install).href }),
    ).rejects.toThrow(/is outside the folders projects may come from/);
    const bare = join(rootA, 'shared.git');
    execFileSync('git', ['clone', '--quiet', '--bare', gitRepo(join(rootB, 'origin')), bare]);
    const project = await alice.projects.create({ name: 'bare', gitUrl: pathToFileURL(bare).href });
    expect(project.gitUrl).toBe(pathToFileURL(bare).href);
    await expect(
      alice.projects.update({ id: project.id, gitUrl: pathToFileURL(bobsRepo).href }),
    ).rejects.toThrow(/another team's project uses/);
  });

  it('leaves git URL projects open to every team', async () => {
    const project = await alice.projects.create({
      name: 'remote',
      gitUrl: 'https://git.example.com/acme/app.git',
    });
    expect(project).toMatchObject({ gitUrl: 'https://git.example.com/acme/app.git', repoPath: null });
  });
});

function link(target: string, name: string): string {
  const path = join(rootA, name);
  symlinkSync(target, path);
  return path;
}

function mkdir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe('a root written with {team}', () => {
  it("gives each team a folder of its own: another team's folder is outside its roots", async () => {
    const teams = join(host, 'teams');
    const places = projectPlacesFrom(
      { SWITCHYARD_PROJECT_ROOTS: join(teams, '{team}') },
      { installDir: install, dataDir: data },
    );
    const harness = apiHarness(db.prisma, { projectPlaces: places });
    const dana = await harness.signUp('Dana', `dana-${Date.now()}@example.com`);
    const slug = (await (await dana.api()).teams.current()).team.slug;
    const own = gitRepo(join(teams, slug, 'app'));
    const elsewhere = gitRepo(join(teams, 'someone-else', 'app'));
    const api = await dana.api();
    expect((await api.projects.create({ name: 'own', repoPath: own })).repoPath).toBe(own);
    const refusal = api.projects.create({ name: 'theirs', repoPath: elsewhere });
    await expect(refusal).rejects.toThrow(/is outside the folders projects may come from/);
    await expect(refusal).rejects.toThrow(`Projects may live under ${join(teams, slug)}, `);
  });
});

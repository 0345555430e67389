import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Where a project given by a local path may live on the worker host (docs/decisions/0009): inside
 * one of the operator's roots, never inside the install, its data or the worker's own folders, and
 * never in a repository another team uses. The API checks it when a project is added or changed;
 * the worker checks it again before it touches the repository.
 */
export interface ProjectPlaces {
  /** Folders projects may come from (SWITCHYARD_PROJECT_ROOTS, else <data dir>/projects). */
  roots: string[];
  /** Folders no project may be in, each with what it is (shown in refusals). */
  forbidden: {
    dir: string;
    what: string /** A root inside it may still hold projects. */;
    rootsMayNest: boolean;
  }[];
}

export const PROJECT_ROOTS_ENV = 'SWITCHYARD_PROJECT_ROOTS';

/** Thrown when a repository path is refused: the message says why and what to do. */
export class ProjectPlaceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProjectPlaceError';
  }
}

/**
 * The places of this host from its environment. `installDir` is the Switchyard checkout, `dataDir`
 * its data directory; SWITCHYARD_WORKTREES_DIR moves the worktrees (and the clones beside them).
 */
export function projectPlacesFrom(
  env: Record<string, string | undefined>,
  dirs: { installDir: string; dataDir: string },
): ProjectPlaces {
  const listed = (env[PROJECT_ROOTS_ENV] ?? '')
    .split(path.delimiter)
    .map((dir) => dir.trim())
    .filter(Boolean);
  const relative = listed.filter((dir) => !path.isAbsolute(dir));
  if (relative.length > 0) {
    throw new ProjectPlaceError(
      `${PROJECT_ROOTS_ENV} must list absolute folders separated by "${path.delimiter}" (not: ${relative.join(', ')}).`,
    );
  }
  const worktrees = env.SWITCHYARD_WORKTREES_DIR?.trim() || path.join(dirs.dataDir, 'worktrees');
  // The offline demo's repository, made by `npm start`, is always a place (the demo team's project).
  const demo = path.join(dirs.dataDir, 'demo-repo');
  const roots = listed.length > 0 ? listed : [path.join(dirs.dataDir, 'projects')];
  return {
    roots: [...new Set([...roots.map((dir) => path.resolve(dir)), demo])],
    forbidden: [
      { dir: path.resolve(worktrees), what: "the worker's task worktrees", rootsMayNest: false },
      {
        dir: path.resolve(worktrees, '..', 'repos'),
        what: "the worker's project clones",
        rootsMayNest: false,
      },
      { dir: path.resolve(dirs.dataDir), what: "Switchyard's data directory", rootsMayNest: true },
      { dir: path.resolve(dirs.installDir), what: 'the Switchyard install', rootsMayNest: true },
    ],
  };
}

/**
 * The folder a `file://` git URL clones from: a repository on this host, so it obeys the same
 * places as a path (else any team could clone another team's repository). Null for remote URLs.
 */
export function localPathOfGitUrl(gitUrl: string): string | null {
  if (!/^file:\/\//i.test(gitUrl)) return null;
  try {
    return fileURLToPath(gitUrl);
  } catch {
    return null;
  }
}

/** Whether `child` is `parent` or inside it (both resolved). */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

async function resolved(dir: string): Promise<string> {
  return realpath(dir).catch(() => path.resolve(dir));
}

async function git(cwd: string, args: string[]): Promise<string | null> {
  try {
    const { stdout } = await run('git', args, { cwd, timeout: 15_000, env: { ...process.env, LC_ALL: 'C' } });
    return stdout.trim();
  } catch {
    return null;
  }
}

export interface ProjectPlaceRequest {
  repoPath: string;
  defaultBranch: string;
  /** Repository paths of other teams' projects (as stored). */
  otherTeamsPaths: readonly string[];
}

/**
 * Checks a local repository path and returns it resolved (symlinks followed), or throws a
 * ProjectPlaceError that names the allowed roots and how the operator adds one.
 */
export async function checkProjectPlace(
  places: ProjectPlaces,
  request: ProjectPlaceRequest,
): Promise<string> {
  const roots = await Promise.all(places.roots.map(resolved));
  const howToAdd = `Projects may live under ${roots.join(', ')}; the operator adds a folder with ${PROJECT_ROOTS_ENV} (folders separated by "${path.delimiter}") on the dashboard and the workers.`;
  const given = request.repoPath;
  let repo: string;
  try {
    repo = await realpath(given);
  } catch {
    throw new ProjectPlaceError(`${given} does not exist on this host. ${howToAdd}`);
  }
  const shown = repo === given ? given : `${given} (${repo})`;
  const root = roots.filter((dir) => isInside(repo, dir)).sort((a, b) => b.length - a.length)[0];
  if (!root)
    throw new ProjectPlaceError(`${shown} is outside the folders projects may come from. ${howToAdd}`);
  const forbidden = await Promise.all(
    places.forbidden.map(async (p) => ({ ...p, dir: await resolved(p.dir) })),
  );
  for (const place of forbidden) {
    const nestedRoot = place.rootsMayNest && root !== place.dir && isInside(root, place.dir);
    if (isInside(repo, place.dir) && !nestedRoot) {
      throw new ProjectPlaceError(
        `${shown} is inside ${place.what} (${place.dir}): a project cannot be there. ${howToAdd}`,
      );
    }
  }
  // A folder that holds one of them would give the agent all of it: name the outermost.
  const held = [...forbidden].reverse().find((place) => isInside(place.dir, repo));
  if (held) {
    throw new ProjectPlaceError(
      `${shown} is a folder around ${held.what} (${held.dir}): a project cannot be there. ${howToAdd}`,
    );
  }
  for (const other of request.otherTeamsPaths) {
    const theirs = await resolved(other);
    if (isInside(repo, theirs) || isInside(theirs, repo)) {
      throw new ProjectPlaceError(
        `${shown} is a repository another team's project uses: a team may use only its own repositories. Put yours in its own folder. ${howToAdd}`,
      );
    }
  }
  // A bare repository (what file:// URLs usually name) is its own git folder; else the work tree's top.
  const bare = (await git(repo, ['rev-parse', '--is-bare-repository'])) === 'true';
  const top = await git(repo, bare ? ['rev-parse', '--absolute-git-dir'] : ['rev-parse', '--show-toplevel']);
  if (top === null) {
    throw new ProjectPlaceError(
      `${shown} is not a git repository: run "git init" there and commit the base branch, or give the repository's folder.`,
    );
  }
  if ((await resolved(top)) !== repo) {
    throw new ProjectPlaceError(`${shown} is a folder inside the git repository ${top}: give ${top} itself.`);
  }
  const branch = request.defaultBranch;
  if ((await git(repo, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`])) === null) {
    const branches = (await git(repo, ['for-each-ref', '--format=%(refname:short)', 'refs/heads'])) ?? '';
    const list = branches.split('\n').filter(Boolean).slice(0, 10);
    const known = list.length ? `its branches: ${list.join(', ')}` : 'it has no commit yet';
    throw new ProjectPlaceError(
      `${shown} has no branch "${branch}" to start from (${known}): set the project's base branch to an existing one.`,
    );
  }
  return repo;
}

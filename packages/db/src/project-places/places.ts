import path from 'node:path';

/**
 * Where a project given by a local path may live on the worker host (docs/decisions/0009): inside
 * one of the operator's roots, never inside the install, its data or the worker's own folders, and
 * never in a repository another team uses.
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
 * its data directory; WORKER_DATA_DIR moves the worker's own folders, SWITCHYARD_WORKTREES_DIR the
 * worktrees alone (and the clones beside them).
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
  const workerData = env.WORKER_DATA_DIR?.trim() || dirs.dataDir;
  const worktrees = env.SWITCHYARD_WORKTREES_DIR?.trim() || path.join(workerData, 'worktrees');
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
      ...(path.resolve(workerData) === path.resolve(dirs.dataDir)
        ? []
        : [{ dir: path.resolve(workerData), what: "the worker's data directory", rootsMayNest: true }]),
      { dir: path.resolve(dirs.installDir), what: 'the Switchyard install', rootsMayNest: true },
    ],
  };
}

/**
 * The roots as one team sees them: `{team}` in a root stands for the team's slug, so
 * `/srv/switchyard/{team}` gives each team a folder of its own and no team can claim another's
 * repositories first. A slug that is not lower-case letters, digits and dashes gets no such root.
 */
export function rootsOfTeam(places: ProjectPlaces, teamSlug: string): string[] {
  const safe = /^[a-z0-9][a-z0-9-]*$/.test(teamSlug);
  return places.roots
    .filter((root) => safe || !root.includes(TEAM_PLACEHOLDER))
    .map((root) => root.replaceAll(TEAM_PLACEHOLDER, teamSlug));
}

export const TEAM_PLACEHOLDER = '{team}';

/** Whether `child` is `parent` or inside it (both resolved). */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/**
 * The folder a `file:` git URL clones from: a repository on this host, so it obeys the same places
 * as a path (else any team could clone another team's). git ignores the URL's host
 * (`file://otherhost/x` clones `/x`), so this does too. Null for remote URLs.
 */
export function localPathOfGitUrl(gitUrl: string): string | null {
  if (!/^file:/i.test(gitUrl.trim())) return null;
  try {
    return path.resolve('/', decodeURIComponent(new URL(gitUrl.trim()).pathname));
  } catch {
    return path.resolve('/', gitUrl.trim().replace(/^file:\/*/i, ''));
  }
}

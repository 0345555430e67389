import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { isInside, PROJECT_ROOTS_ENV, ProjectPlaceError, type ProjectPlaces, rootsOfTeam } from './places';
import { gitIn, identityKeys, resolvedPath, unsafeConfigKeys } from './repository-identity';

export interface ProjectPlaceRequest {
  /** The repository's folder: a project's repoPath, or the path of its file:// git URL. */
  repoPath: string;
  defaultBranch: string;
  /** Repository folders of other teams' projects (as stored). */
  otherTeamsPaths: readonly string[];
  /** The team's slug: a root written with `{team}` is that team's own folder (see rootsOfTeam). */
  teamSlug: string;
}

/**
 * Checks a local repository and returns its folder resolved (symlinks and `..` followed), or throws
 * a ProjectPlaceError that says what to do. Nothing outside the roots is looked at, so the answers
 * never tell whether a path exists elsewhere on the host.
 */
export async function checkProjectPlace(
  places: ProjectPlaces,
  request: ProjectPlaceRequest,
): Promise<string> {
  const teamRoots = rootsOfTeam(places, request.teamSlug);
  const roots = await Promise.all(teamRoots.map(resolvedPath));
  const howToAdd = `Projects may live under ${roots.join(', ')}; the operator adds a folder with ${PROJECT_ROOTS_ENV} (folders separated by "${path.delimiter}") on the dashboard and the workers, and restarts them.`;
  const given = request.repoPath;
  const outside = () =>
    new ProjectPlaceError(`${given} is outside the folders projects may come from. ${howToAdd}`);
  const lexical = path.resolve(given);
  if (![...teamRoots, ...roots].some((root) => isInside(lexical, root))) throw outside();
  let repo: string;
  try {
    repo = await realpath(given);
  } catch {
    throw new ProjectPlaceError(`${given} does not exist on this host. ${howToAdd}`);
  }
  const root = roots.filter((dir) => isInside(repo, dir)).sort((a, b) => b.length - a.length)[0];
  if (!root) throw outside(); // a symlink that leads out: where to is none of the user's business
  const shown = repo === given ? given : `${given} (${repo})`;

  const forbidden = await Promise.all(
    places.forbidden.map(async (p) => ({ ...p, dir: await resolvedPath(p.dir) })),
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

  const mine = await identityKeys(repo);
  for (const other of request.otherTeamsPaths) {
    const theirs = await resolvedPath(other);
    const same = (await identityKeys(theirs)).some((key) => mine.includes(key));
    if (same || isInside(repo, theirs) || isInside(theirs, repo)) {
      throw new ProjectPlaceError(
        `${shown} is a repository another team's project uses: a team may use only its own repositories. Put yours in its own folder. ${howToAdd}`,
      );
    }
  }
  await checkRepository(repo, shown, request.defaultBranch);
  return repo;
}

/** The folder is a whole repository of its own, git may use it, and its config runs nothing. */
async function checkRepository(repo: string, shown: string, branch: string): Promise<void> {
  const probe = await gitIn(repo, ['rev-parse', '--is-bare-repository']);
  if (!probe.ok) {
    if (/dubious ownership/.test(probe.err)) {
      throw new ProjectPlaceError(
        `${shown} belongs to another user than the one Switchyard runs as, and git refuses such repositories ("dubious ownership"): chown it to that user, or have the operator run git config --global --add safe.directory ${repoQuote(shown)}.`,
      );
    }
    throw new ProjectPlaceError(
      `${shown} is not a git repository: run "git init" there and commit the base branch, or give the repository's folder.`,
    );
  }
  const bare = probe.out === 'true';
  // A bare repository (what file:// URLs usually name) is its own git folder; else the work tree's top.
  const top = await gitIn(
    repo,
    bare ? ['rev-parse', '--absolute-git-dir'] : ['rev-parse', '--show-toplevel'],
  );
  if (!top.ok || (await resolvedPath(top.out)) !== repo) {
    const inside = top.ok ? top.out : 'another folder';
    throw new ProjectPlaceError(
      `${shown} is a folder inside the git repository ${inside}: give ${inside} itself.`,
    );
  }
  // Its git data must be its own: not a `.git` file pointing at another repository, no borrowed objects.
  const gitDir = bare ? repo : path.join(repo, '.git');
  const common = await gitIn(repo, ['rev-parse', '--path-format=absolute', '--git-common-dir']);
  const objects = await resolvedPath(path.join(gitDir, 'objects'));
  if (!common.ok || (await resolvedPath(common.out)) !== gitDir || !isInside(objects, gitDir)) {
    throw new ProjectPlaceError(
      `${shown} keeps its git data in another folder (its .git is a link or a file that points elsewhere): give a repository with its own .git folder, e.g. a fresh clone.`,
    );
  }
  if (existsSync(path.join(objects, 'info', 'alternates'))) {
    throw new ProjectPlaceError(
      `${shown} borrows objects from another repository (objects/info/alternates): clone it without --shared or --reference, or run git repack -a -d and remove that file.`,
    );
  }
  const config = await gitIn(repo, ['config', '--local', '--includes', '--name-only', '--list']);
  const unsafe = config.ok ? unsafeConfigKeys(config.out) : [];
  if (unsafe.length > 0) {
    throw new ProjectPlaceError(
      `${shown} has git settings that would run programs or read other folders as Switchyard (${unsafe.join(', ')}): remove them with git config --local --unset NAME, or give a fresh clone.`,
    );
  }
  if (!(await gitIn(repo, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`])).ok) {
    const branches = await gitIn(repo, ['for-each-ref', '--format=%(refname:short)', 'refs/heads']);
    const list = branches.ok ? branches.out.split('\n').filter(Boolean).slice(0, 10) : [];
    const known = list.length ? `its branches: ${list.join(', ')}` : 'it has no commit yet';
    throw new ProjectPlaceError(
      `${shown} has no branch "${branch}" to start from (${known}): set the project's base branch to an existing one.`,
    );
  }
}

function repoQuote(shown: string): string {
  const folder = shown.replace(/ \(.*\)$/, '');
  return /^[\w./-]+$/.test(folder) ? folder : `'${folder.replace(/'/g, "'\\''")}'`;
}

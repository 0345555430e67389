import path from 'node:path';
import { ShellSplitError, type SimpleCommand, splitCommands } from './shell-split';

// The command policy of §6.1. Best effort by nature: it reads the command as written (see
// shell-split.ts), so `cd /tmp && touch x` or a script that writes elsewhere is not caught. It stops
// the mistakes a model makes, not a determined attacker; the worktree and the scrubbed env do the rest.

export interface BashPolicyOptions {
  worktree: string;
  home: string;
  /** Folders writable besides the worktree because nobody else sees them (the sandbox's /tmp, HOME). */
  scratch?: readonly string[];
  /** The project's allow list: when set, every simple command must match one of these. */
  allow?: RegExp[];
}

const PRIVILEGE = new Set(['sudo', 'doas', 'su', 'pkexec']);
// Words that run the next word as the command.
const WRAPPERS = new Set([
  'command',
  'builtin',
  'exec',
  'nohup',
  'time',
  'nice',
  'env',
  'xargs',
  'timeout',
  'stdbuf',
]);
const SHELLS = new Set(['bash', 'sh', 'dash', 'zsh']);
const WRITING = new Set(['rm', 'rmdir', 'touch', 'mkdir', 'tee', 'truncate', 'shred', 'chmod', 'chown']);
const COPYING = new Set(['cp', 'mv', 'install', 'ln', 'rsync']);
const DEVICES = /^\/dev\/(null|stdout|stderr|tty|fd\/\d+)$/;
const IDENTITY_KEY = /^(user|author|committer)\./i;
const IDENTITY_ENV = /^GIT_(AUTHOR|COMMITTER)_(NAME|EMAIL)=/;
const READ_ONLY_REMOTE = new Set([undefined, '-v', '--verbose', 'show', 'get-url']);
const GIT_OPTIONS_WITH_VALUE = new Set([
  '-C',
  '-c',
  '--git-dir',
  '--work-tree',
  '--namespace',
  '--exec-path',
]);
const MAX_DEPTH = 3;

/** Null when the command may run, else the reason it may not (shown to the model). */
export function checkBashCommand(command: string, options: BashPolicyOptions, depth = 0): string | null {
  let commands: SimpleCommand[];
  try {
    commands = splitCommands(command);
  } catch (error) {
    if (error instanceof ShellSplitError) return error.message;
    throw error;
  }
  // With an allow list, every command that would run must match: the splitter also returns the ones
  // inside `$(…)`, backticks, `<(…)`, `>(…)`, subshells and unquoted here-documents.
  for (const simple of commands) {
    const reason = checkSimple(simple, options, depth);
    if (reason) return reason;
    if (options.allow && depth === 0 && !options.allow.some((re) => re.test(simple.raw))) {
      return `"${simple.raw}" is not on this project's allow list of commands (project settings → Bash allow list)`;
    }
  }
  return null;
}

function checkSimple(simple: SimpleCommand, options: BashPolicyOptions, depth: number): string | null {
  for (const target of simple.outputs) {
    if (writesOutside(target, options))
      return `the redirection to ${target} writes outside the task's worktree`;
  }
  const words = [...simple.words];
  while (words[0] !== undefined && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]) || WRAPPERS.has(words[0]))) {
    if (IDENTITY_ENV.test(words[0])) return 'changing the git author or committer identity is not allowed';
    const wrapper = words.shift()!;
    while (words[0]?.startsWith('-')) words.shift();
    if (wrapper === 'timeout' && words.length > 1) words.shift(); // the duration
  }
  const [name, ...args] = words;
  if (name === undefined) return null;
  const program = path.basename(name);
  if (PRIVILEGE.has(program)) return `${program} is not allowed: commands run as the worker's user only`;
  if (program === 'git') return checkGit(args);
  if (program === 'rm' && args.includes('--no-preserve-root'))
    return 'rm --no-preserve-root is never allowed';
  if (WRITING.has(program)) {
    const target = args.find((a) => !a.startsWith('-') && writesOutside(a, options));
    if (target !== undefined) return `${program} ${target} would change files outside the task's worktree`;
  }
  if (COPYING.has(program)) {
    const destination = args.filter((a) => !a.startsWith('-')).at(-1);
    if (destination !== undefined && args.length > 1 && writesOutside(destination, options)) {
      return `${program} into ${destination} would write outside the task's worktree`;
    }
  }
  if (depth < MAX_DEPTH && SHELLS.has(program)) {
    const flag = args.findIndex((a) => /^-[a-z]*c[a-z]*$/.test(a));
    const script = flag >= 0 ? args[flag + 1] : undefined;
    if (script !== undefined) return checkBashCommand(script, { ...options, allow: undefined }, depth + 1);
  }
  if (depth < MAX_DEPTH && program === 'eval') {
    return checkBashCommand(args.join(' '), { ...options, allow: undefined }, depth + 1);
  }
  return null;
}

function checkGit(args: string[]): string | null {
  let i = 0;
  while (args[i]?.startsWith('-')) {
    const option = args[i]!;
    if (option === '-c' && IDENTITY_KEY.test(args[i + 1] ?? '')) {
      return 'changing the git author or committer identity is not allowed';
    }
    i += GIT_OPTIONS_WITH_VALUE.has(option) ? 2 : 1;
  }
  const sub = args[i];
  const rest = args.slice(i + 1);
  if (sub === 'push') return 'git push is not allowed: Switchyard publishes the branch after review';
  if (sub === 'config') {
    if (rest.some((a) => a === '--global' || a === '--system')) {
      return 'git config --global/--system is not allowed: it changes the machine, not the task';
    }
    if (rest.some((a) => IDENTITY_KEY.test(a)))
      return 'changing the git author or committer identity is not allowed';
  }
  if (sub === 'remote' && !READ_ONLY_REMOTE.has(rest[0])) {
    return 'changing git remotes is not allowed (git remote -v and git remote show are)';
  }
  return null;
}

function writesOutside(target: string, { worktree, home, scratch = [] }: BashPolicyOptions): boolean {
  const expanded = target.replace(/^~(?=\/|$)/, home).replace(/^\$\{?HOME\}?(?=\/|$)/, home);
  if (DEVICES.test(expanded)) return false;
  const resolved = path.resolve(worktree, expanded);
  return ![worktree, ...scratch].some((dir) => {
    const rel = path.relative(dir, resolved);
    return !rel.startsWith('..') && !path.isAbsolute(rel);
  });
}

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type GitLayout, readGitLayout } from '../worktree/git-layout';
import { type BubblewrapStatus, bubblewrapStatus, SandboxUnavailableError } from './bubblewrap';
import { gitMounts } from './git-view';
import { hostView } from './host-view';
import { type SandboxMode, sandboxModeFrom } from './mode';
import { type HostRule, parseAllowList } from './network/allow-list';
import { BRIDGE_SOURCE, SANDBOX_PROXY_PORT, SANDBOX_PROXY_SOCKET } from './network/bridge';
import { type FilteringProxyOptions, startFilteringProxy } from './network/filtering-proxy';
import { processLimit } from './process-limit';

/** A command ready for spawn: the program, its arguments, its environment, and data for fds 3, 4, …. */
export interface PreparedCommand {
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** Written to the child's fds 3, 4, … (bwrap reads them while it sets up the sandbox). */
  data: (Buffer | string)[];
  /** Stops what the command needed around it (the proxy, its process group). */
  release(): Promise<void>;
}

export interface CommandRunner {
  /** "on" (bubblewrap) or "off": what a run records. */
  readonly mode: SandboxMode;
  /** The environment commands get (PATH as it is inside). */
  readonly env: Readonly<Record<string, string>>;
  /** Folders besides the worktree that commands may write to and nobody else sees (private /tmp, HOME). */
  readonly scratch: readonly string[];
  prepare(argv: string[], options: { writable: boolean; network: boolean }): Promise<PreparedCommand>;
}

export interface SandboxSettings {
  /** Default: from SWITCHYARD_SANDBOX ("on" unless it says "off"). */
  mode?: SandboxMode;
  /** Test seam for the network proxy (see FilteringProxyOptions.resolveUpstream). */
  resolveUpstream?: FilteringProxyOptions['resolveUpstream'];
  /** What probeBubblewrap found (default: probed once per process). */
  bubblewrap?: BubblewrapStatus;
}

/** HOME inside the sandbox: a private tmpfs, fresh for every command. */
export const SANDBOX_HOME = '/home/agent';
const SANDBOX_UID = '65534';
const SYSTEM_PATH = '/usr/local/bin:/usr/bin:/bin';
/** Variables that point into the worker's install or its user's folders, which the sandbox does not have. */
const HOST_ONLY_ENV =
  /^(npm_|pnpm_|PNPM_|XDG_|NODE_OPTIONS$|NODE_PATH$|INIT_CWD$|OLDPWD$|PWD$|TMPDIR$|TMP$|TEMP$|HOME$|USER$|LOGNAME$|MAIL$|SHELL$|PYENV|VIRTUAL_ENV$|TURBO_|VITEST|COREPACK_)/;
const PROXY_ENV = /^(https?_proxy|all_proxy|no_proxy)$/i;

/** The environment inside: the worker's scrubbed one, minus host paths, plus the sandbox's own. */
function sandboxEnv(
  env: Record<string, string | undefined>,
  worktree: string,
  visible: (dir: string) => boolean,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || HOST_ONLY_ENV.test(key) || PROXY_ENV.test(key)) continue;
    out[key] = value;
  }
  const pathDirs = (env.PATH ?? '')
    .split(':')
    .filter((dir) => dir && (visible(dir) || dir === worktree || dir.startsWith(`${worktree}/`)));
  out.PATH = [...new Set([...pathDirs, ...SYSTEM_PATH.split(':')])].join(':');
  out.HOME = SANDBOX_HOME;
  out.TMPDIR = '/tmp';
  out.USER = 'agent';
  out.LOGNAME = 'agent';
  out.SHELL = '/bin/bash';
  return out;
}

/** Where clients (curl, npm, pip, git) find the proxy inside; loopback inside stays direct. */
function proxyEnv(): Record<string, string> {
  const proxy = `http://127.0.0.1:${SANDBOX_PROXY_PORT}`;
  const out: Record<string, string> = {
    NO_PROXY: 'localhost,127.0.0.1,::1',
    no_proxy: 'localhost,127.0.0.1,::1',
  };
  for (const key of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy']) out[key] = proxy;
  return out;
}

/** Runs the command on the host as the worker: only with SWITCHYARD_SANDBOX=off. */
export function unsandboxedRunner(cwd: string, env: Record<string, string | undefined>): CommandRunner {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
  return {
    mode: 'off',
    env: clean,
    scratch: [],
    prepare: async ([file, ...args]) => ({
      file: file!,
      args,
      cwd,
      env: clean,
      data: [],
      release: async () => {},
    }),
  };
}

export interface BubblewrapRunnerOptions {
  worktree: string;
  env: Record<string, string | undefined>;
  /** The project's network allow list; empty: no network. */
  networkAllow: readonly string[];
  resolveUpstream?: FilteringProxyOptions['resolveUpstream'];
  bubblewrap?: BubblewrapStatus;
  /** Default: what the worktree's `.git` says, when git wrote it (see readGitLayout). */
  git?: GitLayout | null;
}

/**
 * Every command in a fresh bubblewrap sandbox (see docs/decisions/0008): the system read-only,
 * the worktree read-write (read-only for ripgrep), git's data as gitMounts shows it, a private
 * /tmp and HOME, new user (uid 65534), PID, IPC, UTS and network namespaces, no other file of the
 * host. With an allow list, an HTTP(S) proxy on a Unix socket is the only way out.
 */
export function bubblewrapRunner(options: BubblewrapRunnerOptions): CommandRunner {
  const status = options.bubblewrap ?? bubblewrapStatus();
  if (!status.ok) throw new SandboxUnavailableError(status.reason);
  const bwrap = status.path;
  const view = hostView();
  const limit = processLimit();
  const worktree = options.worktree;
  const git = options.git === undefined ? readGitLayout(worktree) : options.git;
  const rules: HostRule[] = parseAllowList(options.networkAllow);
  const describeList = rules.length === 0 ? 'none' : options.networkAllow.join(', ');
  const baseEnv = sandboxEnv(options.env, worktree, view.visible);

  return {
    mode: 'on',
    env: baseEnv,
    scratch: ['/tmp', SANDBOX_HOME],
    async prepare(argv, { writable, network }) {
      const data: (Buffer | string)[] = [];
      const attach = (content: Buffer | string) => {
        data.push(content);
        return 2 + data.length;
      };
      const proxied = network && rules.length > 0;
      let proxyDir: string | null = null;
      let proxy: { close(): Promise<void> } | null = null;
      const args = [
        '--unshare-user',
        '--uid',
        SANDBOX_UID,
        '--gid',
        SANDBOX_UID,
        '--unshare-pid',
        '--unshare-ipc',
        '--unshare-uts',
        '--unshare-net',
        '--unshare-cgroup-try',
        '--hostname',
        'switchyard-sandbox',
        '--die-with-parent',
        '--new-session',
        ...view.args,
        '--proc',
        '/proc',
        '--dev',
        '/dev',
        '--tmpfs',
        '/tmp',
        '--tmpfs',
        SANDBOX_HOME,
        writable ? '--bind' : '--ro-bind',
        worktree,
        worktree,
        ...(writable ? gitMounts(git, attach) : []),
      ];
      let command = argv;
      if (proxied) {
        proxyDir = await mkdtemp(path.join(os.tmpdir(), 'switchyard-proxy-'));
        const socketPath = path.join(proxyDir, 'proxy.sock');
        proxy = await startFilteringProxy(socketPath, {
          rules,
          describeList,
          resolveUpstream: options.resolveUpstream,
        });
        const bridge = '/run/switchyard/bridge.cjs';
        args.push(
          '--bind',
          socketPath,
          SANDBOX_PROXY_SOCKET,
          '--ro-bind-data',
          String(attach(BRIDGE_SOURCE)),
          bridge,
        );
        // Start the bridge, wait for its "ready", then become the command.
        command = [
          '/bin/bash',
          '-c',
          `exec 9< <(exec "${process.execPath}" ${bridge} ${SANDBOX_PROXY_PORT} ${SANDBOX_PROXY_SOCKET}); read -r -t 10 _ <&9 || { echo "switchyard sandbox: the network proxy did not start" >&2; exit 125; }; exec "$@"`,
          'sandbox',
          ...argv,
        ];
      }
      args.push('--chdir', worktree, '--', ...command);
      const group = limit.open();
      const release = async () => {
        group.close();
        await proxy?.close();
        if (proxyDir) await rm(proxyDir, { recursive: true, force: true });
      };
      const env = proxied ? { ...baseEnv, ...proxyEnv() } : baseEnv;
      // The launcher joins the process-count group, then becomes bwrap (one exec, no extra process).
      if (group.enter) {
        return {
          file: '/bin/sh',
          args: ['-c', `${group.enter}; exec "$0" "$@"`, bwrap, ...args],
          cwd: worktree,
          env,
          data,
          release,
        };
      }
      return { file: bwrap, args, cwd: worktree, env, data, release };
    },
  };
}

/** The runner a toolbox uses: bubblewrap unless the operator turned the sandbox off. */
export function commandRunner(
  settings: SandboxSettings | undefined,
  options: Omit<BubblewrapRunnerOptions, 'resolveUpstream' | 'bubblewrap'>,
): CommandRunner {
  const mode = settings?.mode ?? sandboxModeFrom(process.env);
  if (mode === 'off') return unsandboxedRunner(options.worktree, options.env);
  return bubblewrapRunner({
    ...options,
    resolveUpstream: settings?.resolveUpstream,
    bubblewrap: settings?.bubblewrap,
  });
}

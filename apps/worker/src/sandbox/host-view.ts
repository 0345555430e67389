import { lstatSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * What of the host a sandboxed command sees: the system read-only (/usr, /etc and the merged-/usr
 * links), the Node.js that runs the worker, and nothing else of the host's files:
 * not /root or /home, not /work or /srv, not /var, not the worker's install or its data.
 */
export interface HostView {
  /** bwrap arguments that mount the system. */
  args: string[];
  /** Folders of the host PATH that exist inside the sandbox too. */
  visible: (dir: string) => boolean;
}

/** Top-level system folders mounted read-only when they are real folders. */
const SYSTEM_DIRS = ['/usr', '/etc'];
/** Merged-/usr links (Debian 12+), or real folders on older systems. */
const SYSTEM_LINKS = ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];

/**
 * Files under /etc that the world may not read (shadow, gshadow, SSH host keys, TLS private
 * keys, sudoers): inside the sandbox the agent's uid maps to the worker's, so permission bits
 * alone would not hide them from a worker running as root. They are masked instead.
 */
export function unreadableSystemFiles(root = '/etc', depth = 3): { file: string[]; dir: string[] } {
  const hidden = { file: [] as string[], dir: [] as string[] };
  const walk = (dir: string, level: number) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(dir, name);
      let info: ReturnType<typeof lstatSync>;
      try {
        info = lstatSync(full);
      } catch {
        continue;
      }
      if (info.isSymbolicLink()) continue;
      const worldReadable = (info.mode & 0o004) !== 0;
      if (info.isDirectory()) {
        if (!worldReadable || (info.mode & 0o001) === 0) hidden.dir.push(full);
        else if (level < depth) walk(full, level + 1);
      } else if (!worldReadable) hidden.file.push(full);
    }
  };
  walk(root, 1);
  return hidden;
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The install prefix of the Node.js running the worker (/usr for Debian's, /opt/node-v20 for a tarball). */
function nodePrefix(): string {
  return path.dirname(path.dirname(process.execPath));
}

export function buildHostView(): HostView {
  const args: string[] = [];
  const mounted: string[] = [];
  for (const dir of SYSTEM_DIRS) {
    if (!isDir(dir)) continue;
    args.push('--ro-bind', dir, dir);
    mounted.push(dir);
  }
  for (const link of SYSTEM_LINKS) {
    let info: ReturnType<typeof lstatSync>;
    try {
      info = lstatSync(link);
    } catch {
      continue;
    }
    if (info.isSymbolicLink()) args.push('--symlink', readlinkSync(link), link);
    else if (info.isDirectory()) {
      args.push('--ro-bind', link, link);
      mounted.push(link);
    }
  }
  const prefix = nodePrefix();
  if (!mounted.some((dir) => prefix === dir || prefix.startsWith(`${dir}/`))) {
    args.push('--ro-bind', prefix, prefix);
    mounted.push(prefix);
  }
  const hidden = unreadableSystemFiles();
  for (const dir of hidden.dir) args.push('--tmpfs', dir);
  for (const file of hidden.file) args.push('--ro-bind', '/dev/null', file);
  const visibleRoots = [...mounted, ...SYSTEM_LINKS];
  return {
    args,
    visible: (dir) => visibleRoots.some((root) => dir === root || dir.startsWith(`${root}/`)),
  };
}

let cached: HostView | undefined;
/** Built once per process: /etc's permissions do not change under a running worker. */
export function hostView(): HostView {
  cached ??= buildHostView();
  return cached;
}

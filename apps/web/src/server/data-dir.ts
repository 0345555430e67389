import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * `.data/` at the repository root (SWITCHYARD_DATA_DIR overrides), found from the working directory
 * because bundled server code cannot locate itself through import.meta.url.
 */
export function webDataDir(): string {
  if (process.env.SWITCHYARD_DATA_DIR) return process.env.SWITCHYARD_DATA_DIR;
  return join(webInstallDir(), '.data');
}

/** The Switchyard checkout this server runs from (the folder with pnpm-workspace.yaml). */
export function webInstallDir(): string {
  let dir = process.cwd();
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) return resolve(process.cwd());
    dir = parent;
  }
  return dir;
}

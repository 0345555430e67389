import { fileURLToPath } from 'node:url';

/** `.data/` at the repository root: the embedded database, its settings and the demo files. */
export function dataDir(): string {
  return process.env.SWITCHYARD_DATA_DIR ?? fileURLToPath(new URL('../../../../.data/', import.meta.url));
}

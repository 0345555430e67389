import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The command that runs a repository's tests, guessed from the files at its root, in this order:
 * a package.json `test` script (not npm's placeholder), pytest, Go, Cargo, a Makefile `test`
 * target. null when none is found or the folder cannot be read from here.
 */
export function detectCheckCommand(repoPath: string): string | null {
  const file = (name: string) => join(repoPath, name);
  const read = (name: string) => {
    try {
      return readFileSync(file(name), 'utf8');
    } catch {
      return null;
    }
  };
  const pkg = read('package.json');
  if (pkg) {
    try {
      const test = (JSON.parse(pkg) as { scripts?: Record<string, unknown> }).scripts?.test;
      if (typeof test === 'string' && test.trim() && !/no test specified/.test(test)) return 'npm test';
    } catch {
      // A broken package.json says nothing about tests.
    }
  }
  const pyproject = read('pyproject.toml');
  if (
    existsSync(file('pytest.ini')) ||
    pyproject?.includes('[tool.pytest') ||
    existsSync(file('conftest.py'))
  )
    return 'pytest';
  if (existsSync(file('go.mod'))) return 'go test ./...';
  if (existsSync(file('Cargo.toml'))) return 'cargo test';
  const makefile = read('Makefile');
  if (makefile && /^test\s*:/m.test(makefile)) return 'make test';
  return null;
}

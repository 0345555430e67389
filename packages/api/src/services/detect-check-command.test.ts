import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectCheckCommand } from './detect-check-command';

function repoWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-detect-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('detectCheckCommand', () => {
  it.each([
    [{ 'package.json': JSON.stringify({ scripts: { test: 'vitest run' } }) }, 'npm test'],
    [{ 'pyproject.toml': '[tool.pytest.ini_options]\n' }, 'pytest'],
    [{ 'pytest.ini': '[pytest]\n' }, 'pytest'],
    [{ 'go.mod': 'module example.com/x\n' }, 'go test ./...'],
    [{ 'Cargo.toml': '[package]\nname = "x"\n' }, 'cargo test'],
    [{ Makefile: 'build:\n\tcc x.c\ntest: build\n\t./x --self-test\n' }, 'make test'],
  ])('finds the tests of %j: %s', (files, expected) => {
    expect(detectCheckCommand(repoWith(files))).toBe(expected);
  });

  it("ignores npm's placeholder test script, a broken package.json and a Makefile without a test target", () => {
    const placeholder = JSON.stringify({ scripts: { test: 'echo "Error: no test specified" && exit 1' } });
    expect(detectCheckCommand(repoWith({ 'package.json': placeholder }))).toBeNull();
    expect(detectCheckCommand(repoWith({ 'package.json': '{ not json' }))).toBeNull();
    expect(detectCheckCommand(repoWith({ Makefile: 'all:\n\tcc x.c\n' }))).toBeNull();
  });

  it('answers null for a folder it cannot read', () => {
    expect(detectCheckCommand('/nonexistent/switchyard-project')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { ExitCode } from '../cli-error';
import { findNamed } from './find-named';
import { parseListFlags, parseTaskId, titleFrom } from './task-flags';

describe('tasks list flags', () => {
  it('accepts a status (any case, dash or underscore) and a limit', () => {
    expect(parseListFlags({ status: 'Needs-Human', limit: '10' })).toEqual({
      status: 'needs_human',
      limit: 10,
    });
  });

  it('refuses an unknown status and a limit out of range, saying what is allowed', () => {
    expect(() => parseListFlags({ status: 'sleeping' })).toThrow(
      '--status must be one of queued, running, needs_human, blocked, done, failed, cancelled',
    );
    expect(() => parseListFlags({ limit: '0' })).toThrow('--limit must be at least 1');
    expect(() => parseListFlags({ limit: '500' })).toThrow('--limit must be at most 100');
    expect(() => parseListFlags({ limit: 'ten' })).toThrow('--limit must be a whole number from 1 to 100');
  });
});

describe('task ids and titles', () => {
  it('takes a uuid and refuses anything else with exit 2', () => {
    expect(parseTaskId(' 0b7f3c1e-8a7e-4b57-9a51-7a0d8f2b9c11 ')).toBe(
      '0b7f3c1e-8a7e-4b57-9a51-7a0d8f2b9c11',
    );
    expect(() => parseTaskId('42')).toThrow(expect.objectContaining({ exitCode: ExitCode.usage }));
  });

  it("titles a task after its description's first line, shortened to 80 characters", () => {
    expect(titleFrom('  Add a README\nwith usage  ')).toBe('Add a README');
    expect(titleFrom('x'.repeat(100))).toHaveLength(80);
  });
});

describe('projects and profiles by name or id', () => {
  const profiles = [
    { id: 'p1', name: 'Balanced' },
    { id: 'p2', name: 'Z.AI only' },
  ];

  it('finds by id, or by name whatever its case', () => {
    expect(findNamed(profiles, 'p2', 'profile', '--profile').name).toBe('Z.AI only');
    expect(findNamed(profiles, 'balanced', 'profile', '--profile').id).toBe('p1');
  });

  it('lists what exists when nothing matches (exit 2)', () => {
    expect(() => findNamed(profiles, 'Fast', 'profile', '--profile')).toThrow(
      expect.objectContaining({
        exitCode: ExitCode.usage,
        message: 'No profile "Fast" in your team.',
        hint: 'Pass --profile with one of: "Balanced", "Z.AI only" (or an id).',
      }),
    );
  });

  it('asks for an id when a name is ambiguous', () => {
    const twins = [...profiles, { id: 'p3', name: 'BALANCED' }];
    expect(() => findNamed(twins, 'Balanced', 'profile', '--profile')).toThrow('Several profiles are named');
  });
});

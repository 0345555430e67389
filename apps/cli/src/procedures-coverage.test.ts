import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRouter } from '@switchyard/api';
import { describe, expect, it } from 'vitest';

// "The CLI does everything the dashboard does": every procedure of the API's router is called by a
// command in src/commands, or is listed here with the reason the dashboard alone offers it.
const DASHBOARD_ONLY: Record<string, string> = {
  'overview.get':
    "the public landing page's summary (built-in profiles, latest tasks): tasks list and profiles list say more",
  'teams.acceptInvitation':
    'the server refuses API keys (a key acts only within its team): `teams invitations` lists them',
  'teams.switchActive':
    "switches a browser session's team; an API key belongs to one team (create one in the other team)",
};

const COMMANDS = join(import.meta.dirname, 'commands');
const commandFiles = readdirSync(COMMANDS).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
const read = (file: string) => readFileSync(join(COMMANDS, file), 'utf8');

/** `router.procedure` of every `c.router.procedure.query|mutate|subscribe(` in the command files. */
function proceduresCalled(): Map<string, string[]> {
  const calls = new Map<string, string[]>();
  for (const file of commandFiles)
    for (const m of read(file).matchAll(/\.\s*(\w+)\s*\.\s*(\w+)\s*\.\s*(?:query|mutate|subscribe)\(/g)) {
      const path = `${m[1]}.${m[2]}`;
      calls.set(path, [...new Set([...(calls.get(path) ?? []), file])]);
    }
  return calls;
}

const procedures = Object.keys(appRouter._def.procedures).sort();

describe('every tRPC procedure has a CLI command', () => {
  const called = proceduresCalled();

  it('finds the procedures and the calls (the scan works)', () => {
    expect(procedures).toEqual(expect.arrayContaining(['tasks.create', 'projects.list', 'teams.current']));
    expect(called.get('tasks.subscribe')).toEqual(['tasks-watch.ts']);
  });

  it('calls each procedure from a command, except the dashboard-only ones', () => {
    const missing = procedures.filter((p) => !called.has(p) && !(p in DASHBOARD_ONLY));
    expect(missing, 'add a command in apps/cli/src/commands, or a reason to DASHBOARD_ONLY').toEqual([]);
  });

  it('keeps the dashboard-only list honest: real procedures the CLI does not call', () => {
    for (const path of Object.keys(DASHBOARD_ONLY)) {
      expect(procedures, `${path} is not a procedure any more`).toContain(path);
      expect(called.has(path), `${path} has a command now: drop it from DASHBOARD_ONLY`).toBe(false);
    }
  });

  it('calls only procedures that exist', () => {
    expect([...called.keys()].filter((p) => !procedures.includes(p))).toEqual([]);
  });

  it('registers every command file in the program', () => {
    const program = readFileSync(join(import.meta.dirname, 'program.ts'), 'utf8');
    const importers = [program, ...commandFiles.map(read)].join('\n');
    const unregistered = commandFiles
      .filter((f) => f !== 'context.ts')
      .filter((f) => !importers.includes(`/${f.replace(/\.ts$/, '')}'`));
    expect(unregistered).toEqual([]);
  });
});

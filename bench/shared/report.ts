import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import pg from 'pg';

export const REPORTS_DIR = new URL('../reports/', import.meta.url);

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  postgres: string | null;
  os: string;
  load: string;
}

/** The CPU model as /proc/cpuinfo names it (os.cpus() can be empty in containers). */
function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1]!.trim();
  } catch {
    // not Linux
  }
  return cpus()[0]?.model ?? 'unknown';
}

export async function describeMachine(databaseUrl?: string): Promise<Machine> {
  let postgres: string | null = null;
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      postgres = (await client.query<{ version: string }>('SELECT version()')).rows[0]?.version ?? null;
    } finally {
      await client.end();
    }
  }
  let os = 'unknown';
  try {
    os = execFileSync('uname', ['-srm'], { encoding: 'utf8' }).trim();
  } catch {
    // no uname
  }
  return {
    cpu: cpuModel(),
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    postgres,
    os,
    load: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
  };
}

/** The header every report starts with: what ran, where, when, how to run it again. */
export function reportHeader(title: string, command: string, machine: Machine, startedAt: Date): string {
  return [
    `# ${title}`,
    '',
    `- Date: ${startedAt.toISOString()}`,
    `- Command: \`${command}\``,
    `- CPU: ${machine.cpu}, ${machine.cores} cores; memory ${machine.memoryGiB} GiB; ${machine.os}`,
    `- Node ${machine.node}${machine.postgres ? `; ${machine.postgres.split(' on ')[0]}` : ''}`,
    `- Load average when the run started (1/5/15 min): ${machine.load} (a shared machine: figures are noisy)`,
    '',
  ].join('\n');
}

export function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function writeReport(name: string, markdown: string): string {
  const file = new URL(`${name}.md`, REPORTS_DIR);
  writeFileSync(file, `${markdown.trimEnd()}\n`);
  return file.pathname;
}

/** PostgreSQL server URL for the database benchmarks: DATABASE_URL, else this machine's server. */
export function serverUrl(): string {
  return process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
}

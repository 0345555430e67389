import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type PrismaClient, protocolToDb, type WireProtocol } from '@switchyard/db';
import { enqueuePhaseRun } from '@switchyard/db/queue';
import { encryptSecret, last4 } from '@switchyard/db/secrets';

export const SECRET_KEY = randomBytes(32);

/** A small git repository with one commit on `main`, as a user's project would be. */
export function makeRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-project-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' }).toString();
  git('init', '--quiet', '--initial-branch=main');
  writeFileSync(join(dir, 'README.md'), '# Greeter\n\nA tiny project.\n');
  writeFileSync(join(dir, 'index.js'), 'console.log("hi");\n');
  git('add', '.');
  git('-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '--quiet', '-m', 'initial');
  return dir;
}

/** The offline demo's repository (a cart with a bug, a test that fails because of it). */
export function makeDemoRepository(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-shop-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' }).toString();
  git('init', '--quiet', '--initial-branch=main');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  git('add', '.');
  git('-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '--quiet', '-m', 'initial');
  return dir;
}

export function gitOutput(repo: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, stdio: 'pipe' }).toString();
}

export async function createTeamAndProject(prisma: PrismaClient, repoPath: string) {
  const team = await prisma.team.create({
    data: { name: 'Acme', slug: `acme-${randomBytes(3).toString('hex')}` },
  });
  const project = await prisma.project.create({
    data: { teamId: team.id, name: 'greeter', repoPath, defaultBranch: 'main' },
  });
  return { team, project };
}

export async function addCredential(
  prisma: PrismaClient,
  teamId: string,
  input: {
    provider: string;
    protocol: WireProtocol;
    baseUrl: string;
    secret: string;
    /** Default: the provider id. */
    label?: string;
    /** Pool order (default 0); several credentials of a provider form its pool. */
    position?: number;
  },
) {
  return prisma.providerCredential.create({
    data: {
      teamId,
      provider: input.provider,
      label: input.label ?? input.provider,
      position: input.position ?? 0,
      protocol: protocolToDb(input.protocol),
      baseUrl: input.baseUrl,
      secretCiphertext: encryptSecret(input.secret, SECRET_KEY),
      last4: last4(input.secret),
      // One default per provider (a partial unique index): the first of a pool.
      isDefault: (input.position ?? 0) === 0,
    },
  });
}

type PhaseConfig = {
  provider: string;
  model: string;
  thinking?: string;
  fallbacks?: { provider: string; model: string }[];
};

export async function createProfile(
  prisma: PrismaClient,
  teamId: string,
  name: string,
  phases: Record<'spec' | 'planning' | 'coding' | 'qa', PhaseConfig>,
) {
  const normalised = Object.fromEntries(
    Object.entries(phases).map(([phase, c]) => [phase, { thinking: 'none', fallbacks: [], ...c }]),
  );
  return prisma.agentProfile.create({ data: { teamId, name, phases: normalised } });
}

/** A queued task and its first run, as the API creates them. */
export async function createTask(
  prisma: PrismaClient,
  input: {
    teamId: string;
    projectId: string;
    profileId: string;
    title: string;
    description?: string;
    budgetUsd?: number;
  },
) {
  const task = await prisma.task.create({
    data: {
      teamId: input.teamId,
      projectId: input.projectId,
      profileId: input.profileId,
      title: input.title,
      description: input.description ?? input.title,
      budgetUsd: input.budgetUsd,
    },
  });
  await enqueuePhaseRun(prisma, {
    taskId: task.id,
    phase: 'spec',
    kind: 'spec.discovery',
    routingDecision: null,
  });
  return task;
}

/** Polls until the task reaches one of `statuses` (then returns it) or the time runs out. */
export async function waitForTask(
  prisma: PrismaClient,
  taskId: string,
  statuses: string[],
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const task = await prisma.task.findUniqueOrThrow({ where: { id: taskId } });
    if (statuses.includes(task.status)) return task;
    if (Date.now() > deadline) {
      const runs = await prisma.phaseRun.findMany({ where: { taskId }, orderBy: { createdAt: 'asc' } });
      throw new Error(
        `task ${taskId} is ${task.status} (${task.statusReason ?? ''}) after ${timeoutMs} ms; runs: ${runs.map((r) => `${r.kind}:${r.status}:${r.errorMessage ?? ''}`).join(', ')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// The real objects the fuzz aims at, so that inputs carry ids that exist: a team with its owner and API
// key (bench/shared/bench-team.ts), a second member and a foreign team (SQL: no procedure creates
// users), then through the API itself a credential, a project, a profile, a task, a spare API key and
// an invitation. Their ids fill the pools inputs.ts draws id fields from.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { makeRepository } from '../../../tests/acceptance/support/fixtures';
import { type BenchTeam, createBenchTeam } from '../../shared/bench-team';
import { type FuzzRequest, type ProcedureType, send, shaped } from './http';
import type { IdPools } from './schema-values';

export interface Fixtures {
  team: BenchTeam;
  pools: IdPools;
  /** Every API key the run made or saw (`sy_…`): masked out of what the run reports. */
  secrets: string[];
  /** Seeding steps that failed (the run goes on without those ids). */
  problems: string[];
}

/** A credential whose "Test connection" fails fast: nothing listens on port 9 here. */
const CREDENTIAL_BASE_URL = 'http://127.0.0.1:9/v1';

export async function call(
  base: string,
  apiKey: string,
  path: string,
  type: ProcedureType,
  input: unknown,
): Promise<unknown> {
  const text = JSON.stringify({ json: input ?? null });
  const request: FuzzRequest = shaped(path, type, input === undefined ? undefined : text);
  const { status, body } = await send({ base, authorization: `Bearer ${apiKey}` }, request, 30_000, 500);
  if (status !== 200) throw new Error(`${path}: HTTP ${status}: ${body.slice(0, 300)}`);
  return (JSON.parse(body) as { result: { data: { json: unknown } } }).result.data.json;
}

export async function createFixtures(client: pg.Client, base: string): Promise<Fixtures> {
  const team = await createBenchTeam(client);
  const other = await createBenchTeam(client);
  // The foreign team's owner also joins ours as a plain member: a userId to change or remove.
  await client.query(
    `INSERT INTO "Membership" (id, "teamId", "userId", role) VALUES ($1, $2, $3, 'member')`,
    [randomUUID(), team.teamId, other.userId],
  );
  const pools: IdPools = {
    userId: [team.userId, other.userId],
    teamId: [team.teamId, other.teamId],
    projectId: [team.projectId, other.projectId],
  };
  const fixtures: Fixtures = { team, pools, secrets: [team.apiKey, other.apiKey], problems: [] };
  const keys = (await call(base, team.apiKey, 'apiKeys.list', 'query', undefined)) as { id: string }[];
  pools.apiKeyId = keys.map((k) => k.id);
  await seedObjects(base, fixtures);
  return fixtures;
}

/** Creates one more of each object through the API and adds their ids to the pools. */
export async function seedObjects(base: string, fixtures: Fixtures): Promise<void> {
  const { apiKey } = fixtures.team;
  const add = (kind: string, id: unknown) => {
    if (typeof id !== 'string') return;
    fixtures.pools[kind] ??= [];
    fixtures.pools[kind].push(id);
  };
  const step = async (what: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      fixtures.problems.push(`${what}: ${(error as Error).message}`);
    }
  };
  const tag = randomUUID().slice(0, 8);
  let credentialId: string | undefined;
  await step('credentials.create', async () => {
    const created = (await call(base, apiKey, 'credentials.create', 'mutation', {
      provider: 'anthropic',
      label: `fuzz ${tag}`,
      baseUrl: CREDENTIAL_BASE_URL,
      // Default, or tasks.create cannot route to it once the fuzz has unset the previous default.
      isDefault: true,
      secret: `sk-ant-fuzz-${randomUUID()}`,
    })) as { id: string };
    credentialId = created.id;
    add('credentialId', created.id);
  });
  let projectId = fixtures.team.projectId;
  await step('projects.create', async () => {
    const created = (await call(base, apiKey, 'projects.create', 'mutation', {
      name: `fuzz ${tag}`,
      repoPath: makeRepository(),
    })) as { id: string };
    projectId = created.id;
    add('projectId', created.id);
  });
  await step('profiles.create', async () => {
    const phase = { provider: 'anthropic', model: 'claude-sonnet-4-5', thinking: 'low', credentialId };
    const created = (await call(base, apiKey, 'profiles.create', 'mutation', {
      name: `fuzz ${tag}`,
      phases: { spec: phase, planning: phase, coding: phase, qa: phase },
    })) as { id: string };
    add('profileId', created.id);
  });
  await step('tasks.create', async () => {
    const created = (await call(base, apiKey, 'tasks.create', 'mutation', {
      projectId,
      title: `fuzz ${tag}`,
      description: 'A task for the API fuzz: never run (no worker).',
      routing: { provider: 'anthropic' },
    })) as { task: { id: string } };
    add('taskId', created.task.id);
  });
  await step('apiKeys.create', async () => {
    const created = (await call(base, apiKey, 'apiKeys.create', 'mutation', { name: `fuzz ${tag}` })) as {
      id: string;
      key: string;
    };
    fixtures.secrets.push(created.key);
    add('apiKeyId', created.id);
  });
  await step('teams.invite', async () => {
    const created = (await call(base, apiKey, 'teams.invite', 'mutation', {
      email: `invitee-${tag}@example.com`,
    })) as { id: string };
    add('invitationId', created.id);
  });
}

/** Whether the fixtures' API key still acts as the team's owner. */
export async function fixturesHold(base: string, fixtures: Fixtures): Promise<boolean> {
  try {
    const current = (await call(base, fixtures.team.apiKey, 'teams.current', 'query', undefined)) as {
      role: string;
      team: { id: string };
    };
    return current.role === 'owner' && current.team.id === fixtures.team.teamId;
  } catch {
    return false;
  }
}

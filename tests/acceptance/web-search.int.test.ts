import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import {
  type FakeLlmServer,
  type FakeSearxngServer,
  readConversation,
  startFakeLlm,
  startFakeSearxng,
} from '@switchyard/fake-llm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  addCredential,
  createProfile,
  createTask,
  createTeamAndProject,
  makeRepository,
  waitForTask,
} from './support/fixtures';
import { isCoderCall, scriptedResponder } from './support/scripted-responder';
import { startWorker } from './support/worker';

// WebSearch is offered only to a team that set a search backend (a SearXNG URL): the worker queries
// it from its own host, and the model gets the instance's results. Without one the tool is left out
// and the run's routing decision says why.
let db: TestDatabase;
let llm: FakeLlmServer;
let searxng: FakeSearxngServer;
let worker: Awaited<ReturnType<typeof startWorker>>;

const QUERY = 'zod 4 toJSONSchema io input';

/** The coder searches first, then writes the greeting; everything else is the greeter demo. */
const searchingCoder = scriptedResponder((view) => {
  if (!isCoderCall(view) || !view.tools.some((tool) => tool.name === 'WebSearch')) return undefined;
  if (view.toolCalls.length === 0)
    return {
      kind: 'reply',
      text: 'Searching first.',
      toolCalls: [{ name: 'WebSearch', arguments: { query: QUERY } }],
    };
  if (view.toolCalls.length === 1)
    return {
      kind: 'reply',
      text: 'Writing it.',
      toolCalls: [{ name: 'Write', arguments: { file_path: 'HELLO.md', content: '# Hello\n' } }],
    };
  return { kind: 'reply', text: 'Done.' };
});

async function runTask(webSearchUrl: string | null) {
  const { team, project } = await createTeamAndProject(db.prisma, makeRepository());
  if (webSearchUrl)
    await db.prisma.team.update({
      where: { id: team.id },
      data: { webSearch: { kind: 'searxng', url: webSearchUrl } },
    });
  await addCredential(db.prisma, team.id, {
    provider: 'zai',
    protocol: 'openai-chat',
    baseUrl: `${llm.url}/v1`,
    secret: 'zai-search-secret',
  });
  const glm = { provider: 'zai', model: 'glm-4.7' };
  const profile = await createProfile(db.prisma, team.id, 'GLM', {
    spec: glm,
    planning: glm,
    coding: glm,
    qa: glm,
  });
  const created = await createTask(db.prisma, {
    teamId: team.id,
    projectId: project.id,
    profileId: profile.id,
    title: 'Greet with the latest zod facts',
  });
  const task = await waitForTask(db.prisma, created.id, ['done', 'failed', 'blocked', 'needs_human'], 60_000);
  const coding = await db.prisma.phaseRun.findFirstOrThrow({
    where: { taskId: task.id, kind: 'coding.subtask' },
  });
  const coderRequests = llm.requests.map((request) => readConversation(request)).filter(isCoderCall);
  return {
    task,
    coding,
    coderRequests,
    warnings: (coding.routingDecision as { warnings: string[] }).warnings,
  };
}

beforeAll(async () => {
  db = await freshDatabase();
  llm = await startFakeLlm({ responder: searchingCoder });
  searxng = await startFakeSearxng();
  searxng.setResults((query) => [
    {
      url: 'https://zod.dev/json-schema',
      title: 'JSON Schema | Zod',
      content: `Convert Zod schemas to JSON Schema (${query}).`,
    },
    { url: 'https://github.com/colinhacks/zod', title: 'colinhacks/zod', content: 'TypeScript-first.' },
  ]);
  worker = await startWorker(db.url);
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await llm?.close();
  await searxng?.close();
  await db?.drop();
});
afterEach(() => llm.reset());

// What the model gets for a refused address: the class only, never whether a port answered.
const REFUSED =
  /^WebSearch: the team's search backend could not be used: its address is not allowed on this worker \(.*\); try again later or answer without it$/;

/** The worker's opt-in to a search backend on loopback (the fake instance is on 127.0.0.1), for one test. */
async function withPrivateSearch<T>(value: 'on' | undefined, body: () => Promise<T>): Promise<T> {
  const saved = process.env.SWITCHYARD_WEB_SEARCH_ALLOW_PRIVATE;
  if (value) process.env.SWITCHYARD_WEB_SEARCH_ALLOW_PRIVATE = value;
  else delete process.env.SWITCHYARD_WEB_SEARCH_ALLOW_PRIVATE;
  try {
    return await body();
  } finally {
    if (saved === undefined) delete process.env.SWITCHYARD_WEB_SEARCH_ALLOW_PRIVATE;
    else process.env.SWITCHYARD_WEB_SEARCH_ALLOW_PRIVATE = saved;
  }
}

describe('WebSearch', () => {
  it("is offered to a team with a SearXNG URL, and the model's search returns that instance's results", async () => {
    const { task, coding, coderRequests, warnings } = await withPrivateSearch('on', () =>
      runTask(searxng.url),
    );

    expect(task.statusReason).toBeNull();
    expect(task.status).toBe('done');
    expect(coderRequests[0]!.tools.map((tool) => tool.name)).toContain('WebSearch');
    // Queried by the worker (loopback because the operator allowed it), with the model's words.
    expect(searxng.queries).toEqual([QUERY]);
    const answer = coderRequests.find((view) => view.toolResults.length === 1)!.toolResults[0];
    expect(answer).toBe(
      [
        '1. JSON Schema | Zod',
        '   https://zod.dev/json-schema',
        `   Convert Zod schemas to JSON Schema (${QUERY}).`,
        '2. colinhacks/zod',
        '   https://github.com/colinhacks/zod',
        '   TypeScript-first.',
      ].join('\n'),
    );
    const events = await db.prisma.phaseEvent.findMany({
      where: { phaseRunId: coding.id, type: 'tool_result' },
      orderBy: { seq: 'asc' },
    });
    expect(events[0]!.payload).toMatchObject({ name: 'WebSearch', isError: false, content: answer });
    expect(warnings.filter((w) => w.includes('WebSearch'))).toEqual([]);
  }, 90_000);

  it("refuses a loopback URL without the operator's opt-in, before any request, telling the model only that", async () => {
    const before = searxng.queries.length;
    const { task, coding } = await withPrivateSearch(undefined, () => runTask(searxng.url));

    expect(task.status).toBe('done');
    expect(searxng.queries).toHaveLength(before);
    const events = await db.prisma.phaseEvent.findMany({
      where: { phaseRunId: coding.id, type: 'tool_result' },
      orderBy: { seq: 'asc' },
    });
    expect(events[0]!.payload).toMatchObject({
      name: 'WebSearch',
      isError: true,
      content: expect.stringMatching(REFUSED),
    });
  }, 90_000);

  it('refuses a link-local (cloud metadata) URL even with the opt-in', async () => {
    const { task, coding } = await withPrivateSearch('on', () => runTask('http://169.254.169.254'));

    expect(task.status).toBe('done');
    const events = await db.prisma.phaseEvent.findMany({
      where: { phaseRunId: coding.id, type: 'tool_result' },
      orderBy: { seq: 'asc' },
    });
    expect(events[0]!.payload).toMatchObject({
      name: 'WebSearch',
      isError: true,
      content: expect.stringMatching(REFUSED),
    });
  }, 90_000);

  it('is not offered to a team without one, and the routing decision says so', async () => {
    const before = searxng.queries.length;
    const { task, coderRequests, warnings } = await runTask(null);

    expect(task.status).toBe('done');
    expect(coderRequests.length).toBeGreaterThan(0);
    for (const view of coderRequests) {
      expect(view.tools.map((tool) => tool.name)).not.toContain('WebSearch');
      expect(view.tools.map((tool) => tool.name)).toContain('WebFetch');
    }
    expect(warnings).toContain(
      'WebSearch is left out: team "Acme" has no web search backend. A team admin sets a SearXNG URL in Settings → Team (or `switchyard teams set-web-search`).',
    );
    expect(searxng.queries).toHaveLength(before);
  }, 90_000);
});

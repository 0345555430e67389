// Provider faults injected through fake-llm into the coding phase of real tasks, run by real worker
// processes: what happens to the task for each fault (retried and done, fell back, or blocked with
// a reason), how many calls it cost and how long it took. Real captured responses where we have
// them (shared/provider-transcripts), the demo model's own reply broken on the wire otherwise.
import { type FakeTurn, greeterResponder, readConversation } from '@switchyard/fake-llm';
import { transcriptPath } from '../../packages/fake-llm/src/test-clients';
import { CLAUDE, GLM, type PipelineStack, sleep, startPipelineStack } from './pipeline-stack';

type CoderProfile = 'claude' | 'glm' | 'glm-with-claude-fallback';

export interface FaultCase {
  id: string;
  /** What the provider does, as the report says it. */
  fault: string;
  coder: CoderProfile;
  /** The coder's first call only, or every coder call of the task. */
  times: 'once' | 'always';
  turn: (demo: FakeTurn) => FakeTurn;
  /** What a user should see. */
  expected: { status: 'done' | 'blocked'; text: string };
}

/** The workers' WORKER_STREAM_IDLE_MS here: above the 10 s stalls (waited out), below a hang (detected). */
export const STREAM_IDLE_MS = 15_000;

const transcript = (name: string) => (): FakeTurn => ({ kind: 'transcript', file: transcriptPath(name) });
const broken =
  (change: Partial<Extract<FakeTurn, { kind: 'reply' }>>) =>
  (demo: FakeTurn): FakeTurn =>
    demo.kind === 'reply' ? { ...demo, ...change } : demo;

export const FAULT_CASES: FaultCase[] = [
  {
    id: 'rate-limit-retry-after',
    fault: 'Anthropic 429 `rate_limit_error`, `retry-after: 16` (captured)',
    coder: 'claude',
    times: 'once',
    turn: transcript('anthropic_error_429_rate_limit.json'),
    expected: { status: 'done', text: 'waits the 16 s it was told, retries, done' },
  },
  {
    id: 'zai-concurrency-1302',
    fault: 'Z.AI 429 code 1302 "High concurrency" (captured), no retry-after',
    coder: 'glm',
    times: 'once',
    turn: transcript('zai_error_1302_concurrency.json'),
    expected: { status: 'done', text: 'backs off, retries, done' },
  },
  {
    id: 'overloaded-529',
    fault: 'Anthropic 529 `overloaded_error` (captured), once',
    coder: 'claude',
    times: 'once',
    turn: transcript('anthropic_error_529_overloaded.json'),
    expected: { status: 'done', text: 'backs off, retries, done' },
  },
  {
    id: 'overloaded-529-always',
    fault: 'Anthropic 529 on every coding call',
    coder: 'claude',
    times: 'always',
    turn: transcript('anthropic_error_529_overloaded.json'),
    expected: { status: 'blocked', text: 'retries, then blocked with "overloaded" and what to do' },
  },
  {
    id: 'quota-1113',
    fault: 'Z.AI 429 code 1113 "Insufficient balance" (captured), every call, no fallback',
    coder: 'glm',
    times: 'always',
    turn: transcript('zai_error_1113_insufficient_balance.json'),
    expected: { status: 'blocked', text: 'never retried; blocked: top up or add a fallback' },
  },
  {
    id: 'quota-1113-fallback',
    fault: 'Z.AI 1113 on every call, Claude as the fallback model',
    coder: 'glm-with-claude-fallback',
    times: 'always',
    turn: transcript('zai_error_1113_insufficient_balance.json'),
    expected: { status: 'done', text: 'falls back to Claude at once, done' },
  },
  {
    id: 'bad-key-401',
    fault: 'Z.AI 401 code 1002 "Invalid token" (captured), every call',
    coder: 'glm',
    times: 'always',
    turn: transcript('zai_error_401_1002_invalid_token.json'),
    expected: { status: 'blocked', text: 'never retried; blocked: the key is rejected, replace it' },
  },
  {
    id: 'cut-mid-stream',
    fault: 'connection dropped after 2 SSE events (GLM)',
    coder: 'glm',
    times: 'once',
    turn: broken({ cutAfterChunks: 2 }),
    expected: { status: 'done', text: 'stream_interrupted, retried, done' },
  },
  {
    id: 'anthropic-error-event',
    fault: 'Anthropic `event: error` after HTTP 200 and some text (captured)',
    coder: 'claude',
    times: 'once',
    turn: transcript('anthropic_stream_error_event.json'),
    expected: { status: 'done', text: 'retried, done' },
  },
  {
    id: 'openai-midstream-error',
    fault: 'OpenAI-protocol `{"error":…}` chunk mid-stream, no `[DONE]` (captured)',
    coder: 'glm',
    times: 'once',
    turn: transcript('openai_stream_midstream_error.json'),
    expected: { status: 'done', text: 'retried, done' },
  },
  {
    id: 'truncated-tool-json',
    fault: "the Write call's JSON arguments cut off (`finish_reason: length`)",
    coder: 'glm',
    times: 'once',
    turn: broken({ truncateToolJson: true }),
    expected: { status: 'done', text: 'the half call is not executed; the model is asked again; done' },
  },
  {
    id: 'stall-before-first-byte',
    fault: '10 s before the response headers',
    coder: 'glm',
    times: 'once',
    turn: broken({ delayMs: 10_000 }),
    expected: { status: 'done', text: 'waits (no false timeout), done' },
  },
  {
    id: 'silent-for-ever',
    fault: 'headers and one SSE event, then silence, never ending',
    coder: 'glm',
    times: 'once',
    turn: broken({ hang: true }),
    expected: {
      status: 'done',
      text: `detected after WORKER_STREAM_IDLE_MS (${STREAM_IDLE_MS / 1000} s here), retried, done`,
    },
  },
  {
    id: 'stall-mid-stream',
    fault: '10 s of silence after 2 SSE events, then the rest',
    coder: 'glm',
    times: 'once',
    turn: broken({ stall: { afterChunks: 2, ms: 10_000 } }),
    expected: { status: 'done', text: 'waits (no false timeout), done' },
  },
];

export interface FaultOutcome {
  case: FaultCase;
  status: string;
  statusReason: string | null;
  /** Coding calls the fake received for this task. */
  coderCalls: number;
  retryEvents: number;
  fallbackEvents: number;
  /** Attempts of the coding run (queue-level retries; the client's own retries are inside one). */
  codingAttempts: number;
  errorClass: string | null;
  /** Task created → finished. */
  seconds: number;
  asExpected: boolean;
}

export interface FaultResult {
  outcomes: FaultOutcome[];
  durationMs: number;
}

const marker = (c: FaultCase) => `[fault:${c.id}]`;
const protocolOf = (coder: CoderProfile) => (coder === 'claude' ? 'anthropic-messages' : 'openai-chat');

export async function runFaultInjection(
  serverUrl: string,
  log: (line: string) => void,
  cases: FaultCase[] = FAULT_CASES,
): Promise<FaultResult> {
  const started = Date.now();
  const coderCalls = new Map<string, number>();
  const stack = await startPipelineStack(serverUrl, 'bench_faults', (request) => {
    const demo = greeterResponder(request);
    const isCoder = readConversation(request).tools.some((tool) => tool.name === 'Write');
    if (!isCoder) return demo;
    const body = JSON.stringify(request.body);
    // The fault belongs to the coder's provider: a fallback to the other one answers normally.
    const hit = cases.find((c) => body.includes(marker(c)) && request.protocol === protocolOf(c.coder));
    if (!hit) return demo;
    const n = (coderCalls.get(hit.id) ?? 0) + 1;
    coderCalls.set(hit.id, n);
    return hit.times === 'always' || n === 1 ? hit.turn(demo as FakeTurn) : demo;
  });
  try {
    const profiles = await coderProfiles(stack);
    const worker = { leaseMs: 30_000, pollMs: 500, concurrency: 8, streamIdleMs: STREAM_IDLE_MS };
    await stack.startWorker('faults-1', worker);
    await stack.startWorker('faults-2', worker);
    const tasks = await Promise.all(
      cases.map(async (c) => ({
        c,
        id: await stack.createTask(`Greet the team ${marker(c)}`, profiles[c.coder]),
      })),
    );
    log(`  fault injection: ${tasks.length} tasks, one per fault, on 2 workers`);
    const outcomes = await Promise.all(
      tasks.map(({ c, id }) => outcomeOf(stack, c, id, () => coderCalls.get(c.id) ?? 0)),
    );
    return { outcomes, durationMs: Date.now() - started };
  } finally {
    await stack.close();
  }
}

async function coderProfiles(stack: PipelineStack): Promise<Record<CoderProfile, string>> {
  return {
    glm: stack.profileId,
    claude: await stack.createProfile('Claude everywhere', {
      spec: CLAUDE,
      planning: CLAUDE,
      coding: CLAUDE,
      qa: CLAUDE,
    }),
    'glm-with-claude-fallback': await stack.createProfile('GLM codes, Claude falls back', {
      spec: CLAUDE,
      planning: CLAUDE,
      coding: { ...GLM, fallbacks: [CLAUDE] },
      qa: CLAUDE,
    }),
  };
}

async function outcomeOf(
  stack: PipelineStack,
  c: FaultCase,
  taskId: string,
  calls: () => number,
): Promise<FaultOutcome> {
  const prisma = stack.db.prisma;
  const deadline = Date.now() + 5 * 60_000;
  let task = await prisma.task.findUniqueOrThrow({ where: { id: taskId } });
  while (['queued', 'running'].includes(task.status) && Date.now() < deadline) {
    await sleep(200);
    task = await prisma.task.findUniqueOrThrow({ where: { id: taskId } });
  }
  const coding = await prisma.phaseRun.findFirst({
    where: { taskId, kind: 'coding.subtask' },
    orderBy: { createdAt: 'asc' },
  });
  const count = (type: 'retry' | 'fallback') =>
    prisma.phaseEvent.count({ where: { phaseRun: { taskId }, type } });
  const finishedAt = task.finishedAt ?? new Date();
  return {
    case: c,
    status: task.status,
    statusReason: task.statusReason,
    coderCalls: calls(),
    retryEvents: await count('retry'),
    fallbackEvents: await count('fallback'),
    codingAttempts: coding?.attempt ?? 0,
    errorClass: coding?.errorClass ?? null,
    seconds: (finishedAt.getTime() - task.createdAt.getTime()) / 1000,
    asExpected: task.status === c.expected.status && (task.status === 'done' || Boolean(task.statusReason)),
  };
}

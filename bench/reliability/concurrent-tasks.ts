// Many tasks at once over several worker processes (the default lease, concurrency and poll): every
// task must finish, no run may start twice, no step may succeed twice, each branch gets its one commit.
import { greeterResponder } from '@switchyard/fake-llm';
import { startPipelineStack, type WorkerOptions, waitUntil } from './pipeline-stack';
import { auditTasks, type TaskAudit } from './task-audit';

export interface ConcurrencySettings {
  tasks: number;
  workers: number;
  worker: WorkerOptions;
}

export interface ConcurrencyResult {
  settings: ConcurrencySettings;
  audits: TaskAudit[];
  /** Every task created → the last one finished. */
  wallMs: number;
  /** Per task: created → finished (database clock). */
  taskMs: number[];
  llmCalls: number;
}

export async function runConcurrentTasks(
  serverUrl: string,
  settings: ConcurrencySettings,
  log: (line: string) => void,
): Promise<ConcurrencyResult> {
  const stack = await startPipelineStack(serverUrl, 'bench_concurrency', greeterResponder);
  const prisma = stack.db.prisma;
  try {
    await Promise.all(
      Array.from({ length: settings.workers }, (_, i) =>
        stack.startWorker(`busy-worker-${i + 1}`, settings.worker),
      ),
    );
    const started = Date.now();
    const taskIds: string[] = [];
    for (let i = 0; i < settings.tasks; i++)
      taskIds.push(await stack.createTask(`Greet visitor number ${i + 1}`));
    log(`  concurrency: ${settings.tasks} tasks queued for ${settings.workers} workers`);
    let lastLog = Date.now();
    await waitUntil(
      async () => {
        const open = await prisma.task.count({
          where: { id: { in: taskIds }, status: { in: ['queued', 'running'] } },
        });
        if (Date.now() - lastLog > 15_000) {
          lastLog = Date.now();
          log(`  concurrency: ${settings.tasks - open} of ${settings.tasks} tasks finished`);
        }
        return open === 0;
      },
      'every task to finish',
      8 * 60_000,
    );
    const wallMs = Date.now() - started;
    const tasks = await prisma.task.findMany({
      where: { id: { in: taskIds } },
      select: { createdAt: true, finishedAt: true },
    });
    return {
      settings,
      audits: await auditTasks(stack, taskIds),
      wallMs,
      taskMs: tasks.map((t) => (t.finishedAt?.getTime() ?? Number.NaN) - t.createdAt.getTime()),
      llmCalls: stack.llm.requests.length,
    };
  } finally {
    await stack.close();
  }
}

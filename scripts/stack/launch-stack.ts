import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createPrismaClient } from '@switchyard/db';
import { dataDir } from '@switchyard/db/embedded';
import { applyPendingMigrations } from '@switchyard/db/migrate';
import { openDatabase, type RunningDatabase } from '@switchyard/db/open';
import { seedBuiltinProfiles, seedOfflineDemo } from '@switchyard/db/seed';
import { demoCoderResponder, type FakeLlmServer, startFakeLlm } from '@switchyard/fake-llm';
import { ensureDemoRepository } from './demo-repository';
import { type Service, startService } from './service';

const ROOT = join(import.meta.dirname, '..', '..');

export interface StackOptions {
  port: number;
  host: string;
  dev: boolean;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
}

export interface RunningStack {
  url: string;
  database: RunningDatabase;
  services: Service[];
  /** Stops web and worker, then the embedded database if this stack started it. */
  stop(): Promise<void>;
}

/**
 * Starts the database (DATABASE_URL or the embedded one), migrates and seeds it, then the dashboard
 * and one worker sharing it, and waits until the dashboard answers.
 */
export async function launchStack(options: StackOptions): Promise<RunningStack> {
  const database = await openDatabase(options.env, options.log);
  const services: Service[] = [];
  let demo: FakeLlmServer | null = null;
  const stop = async () => {
    await Promise.all(services.map((service) => service.stop(15_000)));
    await demo?.close();
    await database.stop();
  };
  try {
    await applyPendingMigrations(database.url);
    const env = { ...options.env, DATABASE_URL: database.url, PORT: String(options.port) };
    const prisma = createPrismaClient(database.url, { maxConnections: 1 });
    try {
      await seedBuiltinProfiles(prisma);
      if (options.env.SWITCHYARD_DEMO !== '0') {
        demo = await startOfflineDemo(prisma, env);
        options.log(`offline demo provider "${DEMO_LABEL}" at ${demo.url}`);
      }
    } finally {
      await prisma.$disconnect();
    }

    const nextBin = createRequire(join(ROOT, 'apps/web/package.json')).resolve('next/dist/bin/next');
    const nextArgs = [
      nextBin,
      options.dev ? 'dev' : 'start',
      '--port',
      String(options.port),
      '--hostname',
      options.host,
    ];
    services.push(startService('web', process.execPath, nextArgs, { cwd: join(ROOT, 'apps/web'), env }));
    const workerArgs = ['--import', 'tsx', ...(options.dev ? ['--watch'] : []), 'src/main.ts'];
    services.push(
      startService('worker', process.execPath, workerArgs, { cwd: join(ROOT, 'apps/worker'), env }),
    );

    const url = `http://localhost:${options.port}`;
    await waitForHealth(`http://127.0.0.1:${options.port}/api/health`, services, 180_000);
    return { url, database, services, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

const DEMO_LABEL = 'Demo (offline, scripted)';

/**
 * The offline demo (§9): the fake LLM server with its scripted "demo coder", declared to web and
 * worker as the custom provider `demo`, plus a demo team and project on a tiny repository.
 */
async function startOfflineDemo(prisma: ReturnType<typeof createPrismaClient>, env: NodeJS.ProcessEnv) {
  const server = await startFakeLlm({ responder: demoCoderResponder, label: DEMO_LABEL });
  await seedOfflineDemo(prisma, ensureDemoRepository(dataDir()));
  const declared = env.SWITCHYARD_CUSTOM_PROVIDERS
    ? (JSON.parse(env.SWITCHYARD_CUSTOM_PROVIDERS) as unknown[])
    : [];
  env.SWITCHYARD_CUSTOM_PROVIDERS = JSON.stringify([
    ...declared,
    { id: 'demo', label: DEMO_LABEL, protocol: 'openai-chat', baseUrl: `${server.url}/v1` },
  ]);
  env.DEMO_API_KEY = 'offline-demo-needs-no-key';
  return server;
}

async function waitForHealth(url: string, services: Service[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const dead = services.find((service) => service.child.exitCode !== null);
    if (dead)
      throw new Error(
        `${dead.name} exited with code ${dead.child.exitCode} before the dashboard was ready (its output is above).`,
      );
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The dashboard did not answer ${url} within ${timeoutMs / 1000} s.`);
}

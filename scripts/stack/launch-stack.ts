import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createPrismaClient } from '@switchyard/db';
import { dataDir } from '@switchyard/db/embedded';
import { applyPendingMigrations } from '@switchyard/db/migrate';
import { openDatabase, type RunningDatabase } from '@switchyard/db/open';
import { projectPlacesFrom } from '@switchyard/db/project-places';
import { DEMO_PROVIDERS, seedBuiltinProfiles, seedOfflineDemo } from '@switchyard/db/seed';
import {
  DEMO_CHECK_COMMAND,
  demoCoderResponder,
  demoPlannerResponder,
  type FakeLlmServer,
  startFakeLlm,
} from '@switchyard/fake-llm';
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
  let demo: FakeLlmServer[] = [];
  const stop = async () => {
    await Promise.all(services.map((service) => service.stop(15_000)));
    await Promise.all(demo.map((server) => server.close()));
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
        for (const server of demo) options.log(`offline demo provider "${server.label}" at ${server.url}`);
      }
    } finally {
      await prisma.$disconnect();
    }
    // Where teams' repositories may live: made on first start so the operator sees where to put them.
    const places = projectPlacesFrom(options.env, { installDir: ROOT, dataDir: dataDir() });
    if (!options.env.SWITCHYARD_PROJECT_ROOTS) mkdirSync(places.roots[0]!, { recursive: true });
    options.log(
      `projects given by a path may come from ${places.roots.join(', ')} (SWITCHYARD_PROJECT_ROOTS)`,
    );

    const nextBin = createRequire(join(ROOT, 'apps/web/package.json')).resolve('next/dist/bin/next');
    const at = ['--port', String(options.port), '--hostname', options.host];
    // Production: the dashboard's own server, which answers the API before Next (decision 0014).
    const webArgs = options.dev ? [nextBin, 'dev', ...at] : ['--import', 'tsx', 'server.ts', ...at];
    services.push(startService('web', process.execPath, webArgs, { cwd: join(ROOT, 'apps/web'), env }));
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

/**
 * The offline demo (§9): two local scripted providers on two wire protocols, so that a newcomer
 * sees what Switchyard is for (each phase on the provider that suits it) before entering any key:
 * "Demo planner" (Anthropic Messages) writes the spec and the plan, "Demo coder" (OpenAI Chat
 * Completions) fixes the bug and reviews. Declared to web and worker as custom providers, with a
 * demo team and project on a small repository whose test fails until the bug is fixed.
 */
async function startOfflineDemo(prisma: ReturnType<typeof createPrismaClient>, env: NodeJS.ProcessEnv) {
  const planner = await startFakeLlm({
    responder: demoPlannerResponder,
    label: DEMO_PROVIDERS.planner.label,
  });
  const coder = await startFakeLlm({ responder: demoCoderResponder, label: DEMO_PROVIDERS.coder.label });
  await seedOfflineDemo(prisma, ensureDemoRepository(dataDir()), DEMO_CHECK_COMMAND);
  const declared = env.SWITCHYARD_CUSTOM_PROVIDERS
    ? (JSON.parse(env.SWITCHYARD_CUSTOM_PROVIDERS) as unknown[])
    : [];
  env.SWITCHYARD_CUSTOM_PROVIDERS = JSON.stringify([
    ...declared,
    { ...DEMO_PROVIDERS.planner, protocol: 'anthropic-messages', baseUrl: planner.url },
    { ...DEMO_PROVIDERS.coder, protocol: 'openai-chat', baseUrl: `${coder.url}/v1` },
  ]);
  // Custom providers read <ID>_API_KEY; the scripted servers accept anything.
  env.DEMO_PLANNER_API_KEY = 'offline-demo-needs-no-key';
  env.DEMO_CODER_API_KEY = 'offline-demo-needs-no-key';
  return [planner, coder];
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

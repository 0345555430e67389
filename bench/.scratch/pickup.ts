import { createTestDatabase } from '@switchyard/db/testing';
import { serverUrl } from '../shared/report';
import { summarize } from '../shared/stats';
import { GraphileQueue, SwitchyardQueue, type QueueSystem } from '../queue/systems';
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const N = Number(process.env.N ?? 200);
async function pickup(sys: QueueSystem) {
  await sys.clearHandlings();
  const committed = new Map<string, number>();
  for (let i = 0; i < N; i++) { const { id, committedAtMs } = await sys.enqueueOne(); committed.set(id, committedAtMs); await sleep(40 + Math.random() * 10); }
  for (;;) { const rows = await sys.handlings(); if (rows.length >= N) return summarize(rows.map((r) => r.handledAtMs - committed.get(r.id)!)); await sleep(100); }
}
const sw = await SwitchyardQueue.create(await createTestDatabase(serverUrl(), { prefix: 'pk_sw', migrate: true }));
const gr = await GraphileQueue.create(await createTestDatabase(serverUrl(), { prefix: 'pk_gr', migrate: false }));
await sw.startWorkers(1, 4); await gr.startWorkers(1, 4); await sleep(1000);
for (let r = 0; r < Number(process.env.R ?? 4); r++) {
  for (const [name, s] of [['sw', sw], ['gr', gr]] as const) { const x = await pickup(s); console.log(`${r} ${name} p50 ${x.p50.toFixed(3)} p95 ${x.p95.toFixed(3)} p99 ${x.p99.toFixed(3)}`); }
}
await sw.stopWorkers(); await gr.stopWorkers(); await sw.close(); await gr.close();

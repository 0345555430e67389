import { createRequire } from 'node:module'; if (process.env.NEXTDATE) createRequire('/work/main/apps/web/package.json')('next/dist/server/node-environment-extensions/date.js');
import { readFileSync } from 'node:fs';
import { createPrismaClient } from '@switchyard/db';
import { getTask } from '../../packages/api/src/services/get-task';
import { serializeAnswer } from '../../packages/api/src/wire';
const state = JSON.parse(readFileSync('/tmp/scratch_api.json', 'utf8'));
const prisma = createPrismaClient('postgresql://postgres@127.0.0.1:5432/scratch_api');
const pg = await import('pg');
const c = new pg.default.Client({ connectionString: 'postgresql://postgres@127.0.0.1:5432/scratch_api' }); await c.connect();
const teamId = (await c.query('SELECT "teamId" FROM "Task" WHERE id=$1', [state.heavyTaskId])).rows[0].teamId; await c.end();
const t = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const value = await getTask(prisma, teamId, state.heavyTaskId);
const N = 300;
for (let r = 0; r < 4; r++) {
  let a = t(); for (let i = 0; i < N; i++) await getTask(prisma, teamId, state.heavyTaskId); const get = (t() - a) / N;
  a = t(); let s; for (let i = 0; i < N; i++) s = serializeAnswer(value); const ser = (t() - a) / N;
  a = t(); let j = ''; for (let i = 0; i < N; i++) j = JSON.stringify(s); const str = (t() - a) / N;
  console.log(`getTask ${get.toFixed(3)} serialize ${ser.toFixed(3)} stringify ${str.toFixed(3)} bytes ${j.length} annotations ${Object.keys((s as any).meta.values).length}`);
}


if (process.env.PROFI) {
  const { profileSelfTime } = await import('../shared/profile');
  const p = await profileSelfTime(async () => { for (let i = 0; i < 1000; i++) JSON.stringify(serializeAnswer(await getTask(prisma, teamId, state.heavyTaskId))); }, 30);
  for (const a of p.areas.slice(0, 10)) console.log('AREA', a.area, (a.selfMs / 1000).toFixed(3));
  for (const x of p.top) console.log('TOP', (x.selfMs / 1000).toFixed(3), x.fn, x.where);
}
await prisma.$disconnect();

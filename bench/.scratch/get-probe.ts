// scratch: seed once (DB scratch_api), start the dashboard, fire tasks.get and tasks.list, print CPU/req and p95.
import { writeFileSync, existsSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import pg from 'pg';
import { createBenchTeam, trpcUrl } from '../shared/bench-team';
import { startDashboard } from '../shared/dashboard';
import { seedVolume } from '../api/seed';
import { summarize } from '../shared/stats';

const URL_ = 'postgresql://postgres@127.0.0.1:5432/scratch_api';
const STATE = '/tmp/scratch_api.json';
const log = (l: string) => console.log(l);
let state: { apiKey: string; heavyTaskId: string };
if (!existsSync(STATE)) {
  const admin = new pg.Client({ connectionString: 'postgresql://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS scratch_api');
  await admin.query('CREATE DATABASE scratch_api');
  await admin.end();
  const { execFileSync } = await import('node:child_process');
  execFileSync('pnpm', ['db:migrate'], { cwd: '/work/main', env: { ...process.env, DATABASE_URL: URL_ }, stdio: 'inherit' });
  const c = new pg.Client({ connectionString: URL_ });
  await c.connect();
  const team = await createBenchTeam(c);
  const seeded = await seedVolume(c, team.teamId, team.projectId, log);
  state = { apiKey: team.apiKey, heavyTaskId: seeded.heavyTaskId };
  writeFileSync(STATE, JSON.stringify(state));
  await c.end();
} else state = JSON.parse(readFileSync(STATE, 'utf8'));

import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { summarizeProfile } from '../shared/profile';
const profDir = mkdtempSync('/tmp/prof-');
const d = await startDashboard(URL_, 3391, process.env.PROF ? { NODE_OPTIONS: `--import ${new URL('../shared/cpu-profile-preload.mjs', import.meta.url).pathname}`, BENCH_CPU_PROFILE: profDir + '/web' } : {});
const which = (process.env.PROBE ?? 'get').split(',');
const conns = (process.env.CONNS ?? '1,10').split(',').map(Number);
const dur = Number(process.env.DUR ?? 6);
try {
  for (const w of which) {
    const url = w === 'get' ? trpcUrl(d.url, 'tasks.get', { taskId: state.heavyTaskId }) : trpcUrl(d.url, 'tasks.list', { limit: 50 });
    const body = await (await fetch(url, { headers: { authorization: `Bearer ${state.apiKey}` } })).text();
    console.log(w, 'body', body.length);
    for (const c of [10, ...conns]) {
      const lat: number[] = [];
      const cpu0 = d.cpuMs();
      const r = await new Promise<autocannon.Result>((res, rej) => {
        const i = autocannon({ url, connections: c, duration: c === 10 && lat.length === 0 && conns[0] !== 10 ? dur : dur, headers: { authorization: `Bearer ${state.apiKey}` } }, (e: unknown, x: autocannon.Result) => (e ? rej(e) : res(x)));
        (i as unknown as NodeJS.EventEmitter).on('response', (_a: unknown, _s: number, _b: number, t: number) => lat.push(t));
      });
      const cpu = (d.cpuMs() - cpu0) / r.requests.total;
      const s = summarize(lat);
      console.log(`${w} ${c} conn: p50 ${s.p50.toFixed(1)} p95 ${s.p95.toFixed(1)} rps ${r.requests.average} cpu/req ${cpu.toFixed(2)} non2xx ${r.non2xx}`);
    }
  }
} finally {
  await d.stop();
}
if (process.env.PROF) {
  const f = readdirSync(profDir).filter((x) => x.endsWith('.cpuprofile')).sort((a, b) => statSync(profDir + '/' + b).size - statSync(profDir + '/' + a).size)[0]!;
  const prof = summarizeProfile(JSON.parse(readFileSync(profDir + '/' + f, 'utf8')), 45);
  for (const a of prof.areas) console.log('AREA', a.area, a.selfMs.toFixed(0), (a.share * 100).toFixed(1));
  for (const t of prof.top) console.log('TOP', t.selfMs.toFixed(0), (t.share * 100).toFixed(1), t.fn, t.where);
}

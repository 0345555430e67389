import { createRequire } from 'node:module';
if (process.env.NEXTDATE) createRequire('/work/main/apps/web/package.json')('next/dist/server/node-environment-extensions/date.js');
import { readFileSync } from 'node:fs';
import { createPrismaClient } from '@switchyard/db';
import { getTask } from '../../packages/api/src/services/get-task';
import { serializeAnswer } from '../../packages/api/src/wire';
const superjson = createRequire('/work/main/packages/api/package.json')('superjson');
const state = JSON.parse(readFileSync('/tmp/scratch_api.json', 'utf8'));
const prisma = createPrismaClient('postgresql://postgres@127.0.0.1:5432/scratch_api');
const pg = await import('pg');
const c = new pg.default.Client({ connectionString: 'postgresql://postgres@127.0.0.1:5432/scratch_api' }); await c.connect();
const teamId = (await c.query('SELECT "teamId" FROM "Task" WHERE id=$1', [state.heavyTaskId])).rows[0].teamId; await c.end();
const t = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const value = await getTask(prisma, teamId, state.heavyTaskId);
await prisma.$disconnect();

// B: annotate only, no copy; JSON.stringify writes Dates via toJSON.
function annotateOnly(value: unknown) {
  const annotations: Record<string, [string]> = {};
  let annotated = false;
  function walk(node: any, path: string): void {
    if (typeof node !== 'object' || node === null) { if (node === undefined) { annotations[path] = ['undefined']; annotated = true; } return; }
    if (node instanceof Date) { annotations[path] = ['Date']; annotated = true; return; }
    const prefix = path === '' ? '' : `${path}.`;
    if (Array.isArray(node)) { for (let i = 0; i < node.length; i++) { const it = node[i]; if (typeof it === 'object' && it !== null) walk(it, prefix + i); } return; }
    for (const key in node) { const it = node[key]; if ((typeof it === 'object' && it !== null) || it === undefined) walk(it, prefix + key); }
  }
  walk(value, '');
  return annotated ? { json: value, meta: { values: annotations, v: 1 } } : { json: value };
}
const GIVE = Symbol('g');
const ISO = Symbol.for('iso');
function tag(n: any) { if (n instanceof Date) { n[ISO] = n.toISOString(); return; } if (typeof n === 'object' && n) for (const k in n) tag(n[k]); }
if (process.env.TAG) tag(value);
function cow(value: unknown) {
  const annotations: Record<string, [string]> = {};
  const seen = new Set<object>();
  let annotated = false;
  function walk(node: any, path: string): unknown {
    switch (typeof node) {
      case 'string': case 'boolean': return node;
      case 'number': return Number.isFinite(node) && !Object.is(node, -0) ? node : GIVE;
      case 'bigint': annotations[path] = ['bigint']; annotated = true; return node.toString();
      case 'undefined': annotations[path] = ['undefined']; annotated = true; return null;
      case 'object': {
        if (node === null) return null;
        if (seen.has(node)) return GIVE;
        seen.add(node);
        if (node instanceof Date) { if (Number.isNaN(node.getTime())) return GIVE; annotations[path] = ['Date']; annotated = true; return node[ISO] ?? node.toISOString(); }
        const prefix = path === '' ? '' : `${path}.`;
        if (Array.isArray(node)) {
          let copy: unknown[] | undefined;
          for (let i = 0; i < node.length; i++) {
            const item = node[i];
            if (typeof item === 'string' || typeof item === 'boolean' || item === null) continue;
            const json = walk(item, prefix + i);
            if (json === GIVE) return GIVE;
            if (json !== item) { copy ??= node.slice(); copy[i] = json; }
          }
          return copy ?? node;
        }
        const proto = Object.getPrototypeOf(node);
        if (proto !== Object.prototype && proto !== null) return GIVE;
        let copy: Record<string, unknown> | undefined;
        for (const key in node) {
          const item = node[key];
          if (typeof item === 'string' || typeof item === 'boolean' || item === null) continue;
          if (typeof item === 'number') { if (Number.isFinite(item) && !Object.is(item, -0)) continue; return GIVE; }
          const json = walk(item, prefix + key);
          if (json === GIVE) return GIVE;
          if (json !== item) { copy ??= { ...node }; copy[key] = json; }
        }
        return copy ?? node;
      }
      default: return GIVE;
    }
  }
  const json = walk(value, '');
  return annotated ? { json, meta: { values: annotations, v: 1 } } : { json };
}
// D: like current but Dates' ISO via a cache-free path; out objects built with same key order.
const N = 400;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
console.log('C same:', same(cow(value), serializeAnswer(value)));
console.log('B same as A:', same(annotateOnly(value), serializeAnswer(value)));
for (let r = 0; r < 5; r++) {
  let a = t(); for (let i = 0; i < N; i++) JSON.stringify(serializeAnswer(value)); const A = (t() - a) / N;
  a = t(); for (let i = 0; i < N; i++) JSON.stringify(annotateOnly(value)); const B = (t() - a) / N;
  a = t(); for (let i = 0; i < N; i++) annotateOnly(value); const Bw = (t() - a) / N;
  a = t(); for (let i = 0; i < N; i++) JSON.stringify(cow(value)); const C = (t() - a) / N;
  a = t(); for (let i = 0; i < N; i++) cow(value); const Cw = (t() - a) / N;
  a = t(); for (let i = 0; i < N / 4; i++) JSON.stringify(superjson.serialize(value)); const S = (t() - a) / (N / 4);
  console.log(`A ${A.toFixed(3)}  B ${B.toFixed(3)} (walk ${Bw.toFixed(3)})  C ${C.toFixed(3)} (walk ${Cw.toFixed(3)}) superjson ${S.toFixed(3)}`);
}

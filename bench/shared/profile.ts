import { Session } from 'node:inspector/promises';

export interface ProfileLine {
  fn: string;
  where: string;
  selfMs: number;
  share: number;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/**
 * Runs `work` under V8's sampling CPU profiler (this process, main thread) and returns the functions
 * with the most self time: where the time goes when a goal is missed.
 */
export interface Profile {
  /** The functions with the most self time (idle excluded from the shares). */
  top: ProfileLine[];
  /** Self time by area: our packages, each SDK, Node internals, native (GC, I/O), … */
  areas: { area: string; selfMs: number; share: number }[];
}

export async function profileSelfTime(work: () => Promise<void>, top = 12): Promise<Profile> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    await work();
    const { profile } = await session.post('Profiler.stop');
    return summarizeProfile(profile as CpuProfile, top);
  } finally {
    session.disconnect();
  }
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Self time by function and by area of a V8 CPU profile (a .cpuprofile file's JSON). */
export function summarizeProfile(profile: CpuProfile, top = 12): Profile {
  const nodes = profile.nodes as ProfileNode[];
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const selfUs = new Map<number, number>();
  for (const [i, id] of samples.entries()) selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i] ?? 0));
  const byFunction = new Map<string, { fn: string; where: string; us: number }>();
  const byArea = new Map<string, number>();
  let total = 0;
  for (const node of nodes) {
    const us = selfUs.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') continue;
    total += us;
    const area = areaOf(url, functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + us);
    const where = url ? `${shorten(url)}:${lineNumber + 1}` : '(native)';
    const key = `${functionName}@${where}`;
    const entry = byFunction.get(key) ?? { fn: functionName || '(anonymous)', where, us: 0 };
    entry.us += us;
    byFunction.set(key, entry);
  }
  return {
    top: [...byFunction.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((e) => ({ fn: e.fn, where: e.where, selfMs: e.us / 1000, share: total ? e.us / total : 0 })),
    areas: [...byArea.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([area, us]) => ({ area, selfMs: us / 1000, share: total ? us / total : 0 })),
  };
}

function areaOf(url: string, functionName: string): string {
  if (!url) return functionName === '(garbage collector)' ? 'garbage collector' : 'native (I/O, program)';
  if (url.startsWith('node:')) return 'Node internals';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const m = /\/(packages|apps|bench)\/([^/]+)\//.exec(url);
  return m ? `${m[1]}/${m[2]} (ours)` : url;
}

function shorten(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) return path.slice(nm + 'node_modules/'.length).replace(/^\.pnpm\/[^/]+\/node_modules\//, '');
  const repo = path.indexOf('/main/');
  return repo >= 0 ? path.slice(repo + '/main/'.length) : path;
}

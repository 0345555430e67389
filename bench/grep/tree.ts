import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A deterministic source tree of 50,000 files (same bytes on every machine), committed to git
// because the Grep tool lists files through git. Kept in the temp dir between runs, keyed by VERSION.
const VERSION = 1;
export const FILE_COUNT = 50_000;
const DIRS = 500;

/** The planted needles and how many files hold each (the checks compare every backend's count). */
export const PLANTED = {
  literal: { text: 'SWITCHYARD_NEEDLE_7f3a', every: 2_000 },
  mixedCase: { variants: ['FIXME', 'FixMe', 'fixme'], every: 97 },
};

const WORDS = [
  'const',
  'let',
  'return',
  'value',
  'result',
  'items',
  'config',
  'parse',
  'request',
  'response',
  'handler',
  'index',
  'buffer',
  'stream',
  'error',
  'options',
  'record',
  'phase',
  'worker',
  'queue',
  'lease',
  'token',
  'model',
  'provider',
  'routing',
  'event',
  'payload',
  'status',
  'pending',
  'running',
  'await',
  'async',
];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fileText(n: number, random: () => number): string {
  const pick = () => WORDS[Math.floor(random() * WORDS.length)]!;
  const lines: string[] = [`// file ${n}`];
  const count = 20 + Math.floor(random() * 40);
  for (let i = 0; i < count; i += 1) {
    const kind = random();
    if (kind < 0.3)
      lines.push(`export function ${pick()}${Math.floor(random() * 1000)}(${pick()}, ${pick()}) {`);
    else if (kind < 0.45)
      lines.push(
        `  const ${pick()} = parse${pick()[0]!.toUpperCase()}${pick()}(${pick()}, ${Math.floor(random() * 1000)});`,
      );
    else if (kind < 0.9) lines.push(`  ${pick()}.${pick()}(${pick()}); // ${pick()} ${pick()} ${pick()}`);
    else lines.push('}');
  }
  if (n % PLANTED.literal.every === 0) lines.splice(5, 0, `  const marker = '${PLANTED.literal.text}';`);
  if (n % PLANTED.mixedCase.every === 0)
    lines.push(
      `// ${PLANTED.mixedCase.variants[n % PLANTED.mixedCase.variants.length]}: ${pick()} ${pick()}`,
    );
  return `${lines.join('\n')}\n`;
}

/** The tree's root, generated (and committed) unless a complete one of this VERSION is there. */
export function ensureTree(): { root: string; generatedMs: number | null; bytes: number } {
  const root = join(tmpdir(), `switchyard-bench-grep-v${VERSION}`);
  const marker = join(root, '.git', 'bench-complete');
  if (existsSync(marker)) return { root, generatedMs: null, bytes: Number(readFileSync(marker, 'utf8')) };
  rmSync(root, { recursive: true, force: true });
  const started = performance.now();
  const random = mulberry32(7);
  let bytes = 0;
  const made = new Set<string>();
  for (let n = 0; n < FILE_COUNT; n += 1) {
    const dir = join(root, 'src', `pkg${String(n % DIRS).padStart(3, '0')}`, n % 3 === 0 ? 'lib' : 'core');
    if (!made.has(dir)) mkdirSync(dir, { recursive: true });
    made.add(dir);
    const text = fileText(n, random);
    bytes += Buffer.byteLength(text);
    writeFileSync(join(dir, `module${n}.ts`), text);
  }
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', ...args], {
      cwd: root,
      stdio: 'ignore',
    });
  git('init', '-q');
  git('add', '--all');
  git('commit', '-q', '-m', 'generated tree');
  writeFileSync(marker, String(bytes));
  return { root, generatedMs: performance.now() - started, bytes };
}

/** How many files each planted pattern must match. */
export function expectedFiles(which: keyof typeof PLANTED): number {
  return Math.ceil(FILE_COUNT / PLANTED[which].every);
}

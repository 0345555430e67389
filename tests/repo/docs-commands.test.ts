import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every command the documentation shows is run somewhere automatic — by .ci/run, by `npm test`
// (scripts/test.mjs) or by a test — so that a reader who copies it gets what the page promises.

const ROOT = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** Documented command (normalised) → [file that runs it, text proving it does]. */
const RUN_BY: [RegExp, string, string][] = [
  [/^npm start$/, 'scripts/smoke-start.mjs', "spawn('npm', ['start']"],
  [/^npm test$/, '.ci/run', '\nnpm test\n'],
  [/^pnpm dev$/, 'scripts/smoke-start.mjs', "['dev']"],
  [/^pnpm lint$/, 'scripts/test.mjs', "stage('lint', ['lint'])"],
  [/^pnpm typecheck$/, 'scripts/test.mjs', "stage('typecheck', ['typecheck'])"],
  [/^pnpm test:unit$/, 'scripts/test.mjs', "['unit', 'test:unit']"],
  [/^pnpm test:integration$/, 'scripts/test.mjs', "['integration', 'test:integration']"],
  [/^pnpm test:e2e( cli)?$/, 'scripts/test.mjs', "['test:e2e']"],
  [/^pnpm build( && CHROMIUM_PATH=\S+ pnpm test:e2e cli)?$/, 'scripts/test.mjs', "stage('build', ['build'])"],
  [/^pnpm db:migrate$/, '.ci/run', '\npnpm db:migrate\n'],
  [/^pnpm db:migrate:create NAME$/, '.ci/run', 'pnpm db:migrate:create docs_check'],
  [/^pnpm db:seed$/, '.ci/run', '\npnpm db:seed\n'],
  [/^pnpm --filter @switchyard\/cli build$/, '.ci/run', 'pnpm --filter @switchyard/cli build'],
  [/^pnpm vitest run --project unit apps\/cli$/, 'vitest.config.ts', "name: 'unit'"],
  [
    /^(node apps\/cli\/dist\/switchyard\.js|switchyard) --help$/,
    '.ci/run',
    'node apps/cli/dist/switchyard.js --help',
  ],
  [/^(node apps\/cli\/dist\/switchyard\.js|switchyard) login /, 'tests/e2e/cli.e2e.ts', "'login'"],
  [/^(node apps\/cli\/dist\/switchyard\.js|switchyard) tasks create /, 'tests/e2e/cli.e2e.ts', "'create'"],
  [/^(node apps\/cli\/dist\/switchyard\.js|switchyard) tasks watch /, 'tests/e2e/cli.e2e.ts', "'watch'"],
];
// The one command CI cannot run for itself: it starts from a clone.
const NOT_RUNNABLE = [/^git clone /];

function documentedCommands(): { file: string; command: string }[] {
  const files = [
    'README.md',
    'apps/cli/README.md',
    ...readdirSync(join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  return files.flatMap((file) => {
    const blocks = [...read(file).matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)].map((m) => m[1]!);
    return blocks.flatMap((block) =>
      block
        .split('\n')
        .map((line) => line.replace(/\s+#.*$/, '').trim())
        .filter(Boolean)
        .map((command) => ({ file, command })),
    );
  });
}

describe('documented commands', () => {
  const commands = documentedCommands();

  it('finds the commands (the scan works)', () => {
    expect(commands.map((c) => c.command)).toEqual(expect.arrayContaining(['npm start', 'npm test']));
  });

  it('are each run by .ci/run, npm test or a test', () => {
    const unrun = commands.filter(({ command }) => {
      if (NOT_RUNNABLE.some((pattern) => pattern.test(command))) return false;
      const runner = RUN_BY.find(([pattern]) => pattern.test(command));
      return !runner || !read(runner[1]).includes(runner[2]);
    });
    expect(unrun).toEqual([]);
  });
});

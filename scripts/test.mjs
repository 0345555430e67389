// `npm test`: lint, typecheck, unit, integration (PostgreSQL: DATABASE_URL, else the embedded
// one) and the Playwright browser tests. Runs every stage, then prints one summary line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBubblewrap, ensurePnpm, prepare, QUIET_ENV, ROOT } from './bootstrap.mjs';

const RESULTS = join(ROOT, '.data', 'test-results');
const pnpm = ensurePnpm();
prepare(pnpm);
// The sandbox tests run real bubblewrap: without it they would fail one by one, so stop here.
if (!ensureBubblewrap()) process.exit(1);
rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedStages = [];

function stage(name, args, env = {}) {
  console.log(`\n━━ ${name} ━━  pnpm ${args.join(' ')}`);
  const result = spawnSync(pnpm, args, { cwd: ROOT, stdio: 'inherit', env: { ...QUIET_ENV, ...env } });
  if (result.status !== 0) failedStages.push(name);
  return result.status === 0;
}

function countVitest(file) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
}

function countPlaywright(file) {
  if (!existsSync(file)) return;
  const { stats } = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += stats.expected + stats.flaky;
  totals.failed += stats.unexpected;
  totals.skipped += stats.skipped;
}

stage('lint', ['lint']);
stage('typecheck', ['typecheck']);
for (const [project, script] of [
  ['unit', 'test:unit'],
  ['integration', 'test:integration'],
]) {
  const output = join(RESULTS, `${project}.json`);
  // The package scripts the README documents (`pnpm test:unit`, `pnpm test:integration`).
  stage(`${project} tests`, [script, '--reporter=default', '--reporter=json', `--outputFile.json=${output}`]);
  countVitest(output);
}

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (existsSync(chromium)) {
  if (stage('build', ['build'])) {
    const output = join(RESULTS, 'e2e.json');
    stage('browser tests (Playwright)', ['test:e2e'], {
      CHROMIUM_PATH: chromium,
      PLAYWRIGHT_JSON_OUTPUT_NAME: output,
    });
    countPlaywright(output);
  }
} else {
  const banner = '!'.repeat(78);
  console.error(
    `\n${banner}\n  BROWSER TESTS SKIPPED: no Chromium at ${chromium}.\n  Install one (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH,\n  then run npm test again.\n${banner}`,
  );
  if (process.env.REQUIRE_E2E === '1') failedStages.push('browser tests (REQUIRE_E2E=1 but no Chromium)');
}

console.log(
  `\n━━ summary ━━${failedStages.length ? `  failed stages: ${failedStages.join(', ')}` : '  every stage passed'}`,
);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedStages.length ? 1 : 0);

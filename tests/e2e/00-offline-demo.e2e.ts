import { expect, test } from '@playwright/test';
import { newAccount, signUp } from './support/accounts';
import { waitForTaskStatus } from './support/pages';

// The first user of a fresh install owns the seeded demo team: this file runs first (Playwright runs
// files in alphabetical order with one worker), before any other test signs up.
test('a new user runs the offline demo: two providers on two protocols fix a real bug, the tests pass, the diff shows the fix', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await signUp(page, newAccount('Newcomer'));

  const demo = page.getByTestId('offline-demo');
  await expect(
    demo,
    'the first user should own the demo team; did another test sign up before this one?',
  ).toBeVisible();
  await expect(page.getByTestId('board-empty')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('board-new-user.png'), fullPage: true });

  await demo.getByRole('button', { name: 'Run the offline demo' }).click();
  await expect(page).toHaveURL(/\/tasks\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('task-title')).toContainText('offline demo');
  await expect(page.getByTestId('log-line').first()).toBeVisible({ timeout: 30_000 });

  await waitForTaskStatus(page, 'done', 150_000);
  const runs = page.getByTestId('phase-run');
  await expect(runs.first()).toBeVisible();
  for (const phase of ['spec', 'planning', 'coding', 'qa']) {
    await expect(page.locator(`[data-testid="phase-run"][data-phase="${phase}"]`).first()).toBeVisible();
  }
  // Spec and planning on "Demo planner" (Anthropic Messages), coding and QA on "Demo coder" (OpenAI Chat).
  const timeline = page.getByTestId('phase-timeline');
  const expected: [string, string][] = [
    ['spec', 'demo-planner'],
    ['planning', 'demo-planner'],
    ['coding', 'demo-coder'],
    ['qa', 'demo-coder'],
  ];
  for (const [phase, provider] of expected) {
    await expect(
      timeline
        .locator(`[data-testid="phase-run"][data-phase="${phase}"]`)
        .getByTestId('provider-badge')
        .first(),
    ).toHaveAttribute('data-provider', provider);
  }
  // The project's check (npm test) passed in QA, in the live log.
  // (The log scrolls inside its panel: the line is in it, not necessarily in view.)
  await expect(page.getByTestId('log-line').filter({ hasText: 'check passed: npm test' })).not.toHaveCount(0);

  await page.getByRole('tab', { name: /Changes/ }).click();
  await expect(page.getByTestId('diff-file').filter({ hasText: 'src/cart.js' })).toBeVisible();
  await expect(page.getByTestId('diff-view')).toContainText('for (let i = 0; i < items.length; i++) {');
  await page.screenshot({ path: testInfo.outputPath('task-offline-demo.png'), fullPage: true });

  await page.getByTestId('nav-board').click();
  await expect(page.getByTestId('column-done').getByTestId('task-card')).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('board-after-demo.png'), fullPage: true });
});

import { expect, test } from '@playwright/test';
import { newAccount, signUp } from './support/accounts';
import { waitForTaskStatus } from './support/pages';

// The first user of a fresh install owns the seeded demo team: this file runs first (Playwright runs
// files in alphabetical order with one worker), before any other test signs up.
test('a new user runs the offline demo from the board: it completes and its diff (HELLO.md) is shown', async ({
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
  await expect(page.getByTestId('phase-timeline').getByTestId('provider-badge').first()).toHaveAttribute(
    'data-provider',
    'demo',
  );

  await page.getByRole('tab', { name: /Changes/ }).click();
  await expect(page.getByTestId('diff-file').filter({ hasText: 'HELLO.md' })).toBeVisible();
  await expect(page.getByTestId('diff-view')).toContainText('+');
  await page.screenshot({ path: testInfo.outputPath('task-offline-demo.png'), fullPage: true });

  await page.getByTestId('nav-board').click();
  await expect(page.getByTestId('column-done').getByTestId('task-card')).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('board-after-demo.png'), fullPage: true });
});

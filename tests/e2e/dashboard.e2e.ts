import { expect, test } from '@playwright/test';
import { newAccount, signUp } from './support/accounts';

test('a signed-out visitor is sent to sign-in', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('heading', { name: 'Sign in to Switchyard' })).toBeVisible();
});

test('the profiles page shows the built-in agent profiles with each phase’s provider and model', async ({
  page,
}, testInfo) => {
  await signUp(page, newAccount('Reader'));
  await page.getByTestId('nav-profiles').click();
  await expect(page.getByRole('heading', { name: 'Agent profiles' })).toBeVisible();
  for (const name of [
    'Auto (Optimized)',
    'Complex',
    'Balanced',
    'Quick',
    'Opus planning + GLM coding',
    'Z.AI only',
  ]) {
    await expect(page.locator(`[data-testid="profile-card"][data-profile-name="${name}"]`)).toBeVisible();
  }
  const opusGlm = page.locator(
    '[data-testid="profile-card"][data-profile-name="Opus planning + GLM coding"]',
  );
  await expect(opusGlm.getByTestId('profile-phase-planning')).toContainText('anthropic');
  await expect(opusGlm.getByTestId('profile-phase-planning')).toContainText('opus');
  await expect(opusGlm.getByTestId('profile-phase-coding')).toContainText('zai');
  await expect(opusGlm.getByTestId('profile-phase-coding')).toContainText('glm-4.7');
  await page.screenshot({ path: testInfo.outputPath('profiles.png'), fullPage: true });

  // A user who is not in the demo team has no tasks yet.
  await page.getByTestId('nav-board').click();
  await expect(page.getByTestId('board-empty')).toContainText('No tasks yet');
});

test('the API answers through tRPC at /api/trpc', async ({ request }) => {
  const response = await request.get('/api/trpc/overview.get');
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(JSON.stringify(body)).toContain('Opus planning + GLM coding');
});

import { expect, test } from '@playwright/test';

test('the dashboard shows the built-in agent profiles with each phase’s provider and model', async ({
  page,
}, testInfo) => {
  await page.goto('/');

  const profiles = page.getByTestId('overview-profiles');
  await expect(page.getByRole('heading', { name: 'Agent profiles' })).toBeVisible();
  for (const name of [
    'Auto (Optimized)',
    'Complex',
    'Balanced',
    'Quick',
    'Opus planning + GLM coding',
    'Z.AI only',
  ]) {
    await expect(profiles.getByText(name, { exact: true })).toBeVisible();
  }
  const opusGlm = profiles.locator('li', { hasText: 'Opus planning + GLM coding' });
  await expect(opusGlm).toContainText('anthropic/opus');
  await expect(opusGlm).toContainText('zai/glm-4.7');

  await expect(page.getByRole('heading', { name: 'Tasks' })).toBeVisible();
  await expect(page.getByTestId('overview-tasks')).toContainText('No tasks yet');

  await page.screenshot({ path: testInfo.outputPath('dashboard.png'), fullPage: true });
});

test('the API answers through tRPC at /api/trpc', async ({ request }) => {
  const response = await request.get('/api/trpc/overview.get');
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(JSON.stringify(body)).toContain('Opus planning + GLM coding');
});

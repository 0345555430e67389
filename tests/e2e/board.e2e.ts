import { expect, type Page, test } from '@playwright/test';
import { BOARD_PAGE_SIZE } from '../../apps/web/src/lib/board-page-size';
import { newAccount, signUp } from './support/accounts';

/** A tRPC mutation from the signed-in page (its session cookie), as the dashboard's client sends it. */
async function call<T>(page: Page, path: string, input: unknown): Promise<T> {
  const response = await page.request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

test('the board pages through older tasks and filters by project', async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, newAccount('Busy'));
  // Repositories that cannot be cloned (nothing listens on port 9): the worker blocks each task at
  // once, no model is called.
  const busy = await call<{ id: string }>(page, 'projects.create', {
    name: 'Busy repo',
    gitUrl: 'http://127.0.0.1:9/busy.git',
  });
  const quiet = await call<{ id: string }>(page, 'projects.create', {
    name: 'Quiet repo',
    gitUrl: 'http://127.0.0.1:9/quiet.git',
  });
  await call(page, 'credentials.create', {
    provider: 'anthropic',
    secret: 'sk-ant-board-0001',
    baseUrl: 'http://127.0.0.1:9',
  });
  const extra = 5;
  for (let i = 1; i <= BOARD_PAGE_SIZE + extra; i++)
    await call(page, 'tasks.create', {
      projectId: busy.id,
      title: `Busy task ${i}`,
      description: 'Nothing to do',
      routing: { provider: 'anthropic' },
    });
  await call(page, 'tasks.create', {
    projectId: quiet.id,
    title: 'The quiet one',
    description: 'Nothing to do',
    routing: { provider: 'anthropic' },
  });

  await page.goto('/');
  const cards = page.getByTestId('task-card');
  await expect(cards).toHaveCount(BOARD_PAGE_SIZE);
  await expect(page.getByTestId('board-loaded')).toHaveText(
    `Showing the ${BOARD_PAGE_SIZE} most recent tasks.`,
  );
  await page.getByRole('button', { name: 'Load older tasks' }).click();
  await expect(cards).toHaveCount(BOARD_PAGE_SIZE + extra + 1);
  await expect(page.getByRole('button', { name: 'Load older tasks' })).toHaveCount(0);
  await expect(page.getByTestId('task-board')).toContainText('Busy task 1');

  await page.getByLabel('Project').selectOption({ label: 'Quiet repo' });
  await expect(cards).toHaveCount(1);
  await expect(cards).toContainText('The quiet one');
  // Back to every project: the pages loaded before are still there.
  await page.getByLabel('Project').selectOption({ label: 'All projects' });
  await expect(cards).toHaveCount(BOARD_PAGE_SIZE + extra + 1);
});

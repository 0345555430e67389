import { expect, type Page } from '@playwright/test';

/** Adds a project through the Projects page. */
export async function addProject(page: Page, name: string, repoPath: string): Promise<void> {
  await page.getByTestId('nav-projects').click();
  await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Repository path').fill(repoPath);
  await page.getByRole('button', { name: 'Add project' }).click();
  await expect(page.getByTestId('projects-table')).toContainText(name);
}

/** Waits until the task page's status badge reads `status`, failing early with the reason if it settles otherwise. */
export async function waitForTaskStatus(page: Page, status: string, timeoutMs: number): Promise<void> {
  const badge = page.getByTestId('task-title').locator('..').getByTestId('task-status');
  await expect
    .poll(
      async () => {
        const current = await badge.getAttribute('data-status');
        if (
          current &&
          current !== status &&
          ['failed', 'blocked', 'cancelled', 'needs_human', 'done'].includes(current)
        ) {
          const reason = await page
            .getByTestId('task-status-reason')
            .textContent()
            .catch(() => null);
          throw new Error(`The task settled as ${current}, not ${status}: ${reason ?? '(no reason shown)'}`);
        }
        return current;
      },
      { timeout: timeoutMs, intervals: [500, 1000] },
    )
    .toBe(status);
}

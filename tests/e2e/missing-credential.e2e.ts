import { expect, test } from '@playwright/test';
import { newAccount, signUp } from './support/accounts';
import { createGitRepo } from './support/git-repo';
import { addProject } from './support/pages';

const MESSAGE =
  'Phase "coding" routes to Z.AI (glm-4.7) but no Z.AI API key was found. Add one in Settings → Integrations → Z.AI, or set ZAI_API_KEY (also read: ZHIPUAI_API_KEY, GLM_API_KEY) on the worker.';

test('a task whose coding phase routes to Z.AI without a key shows the actionable message and is not queued', async ({
  page,
}, testInfo) => {
  const repo = createGitRepo('missing-key');
  try {
    await signUp(page, newAccount('Keyless'));
    await addProject(page, 'Keyless repo', repo.path);

    await page.getByTestId('nav-new-task').click();
    await page.getByLabel('Title').fill('Needs GLM');
    await page.getByLabel('Description').fill('Anything: the routing is what matters here.');
    await page.getByLabel('Agent profile').selectOption({ label: 'Z.AI only (built-in)' });

    const preview = page.getByTestId('routing-preview');
    await expect(preview).toHaveAttribute('data-ok', 'false');
    await expect(preview.getByTestId('preview-error').filter({ hasText: MESSAGE })).toHaveText(MESSAGE);
    await expect(preview.getByTestId('preview-coding').getByTestId('preview-credential')).toHaveText(
      'missing',
    );
    await expect(page.getByRole('button', { name: 'Create task' })).toBeDisabled();
    await page.screenshot({ path: testInfo.outputPath('new-task-missing-key.png'), fullPage: true });

    // Nothing was queued: the board is still empty.
    await page.getByTestId('nav-board').click();
    await expect(page.getByTestId('board-empty')).toBeVisible();
  } finally {
    repo.remove();
  }
});

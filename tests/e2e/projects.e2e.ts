import { expect, test } from '@playwright/test';
import { newAccount, signUp } from './support/accounts';
import { createGitRepo } from './support/git-repo';
import { addProject } from './support/pages';

test('a project must be a repository under the operator roots, and its agent limits are edited in place', async ({
  page,
}) => {
  const repo = createGitRepo('limits');
  try {
    await signUp(page, newAccount('Limits'));

    // The worker host's own folders are refused, with where projects may live.
    await page.getByTestId('nav-projects').click();
    await page.getByLabel('Name').fill('Root of the host');
    await page.getByLabel('Repository path').fill('/');
    await page.getByRole('button', { name: 'Add project' }).click();
    const refusal = page.getByRole('form', { name: 'Add a project' }).getByRole('alert');
    await expect(refusal).toContainText('/ is outside the folders projects may come from');
    await expect(refusal).toContainText('SWITCHYARD_PROJECT_ROOTS');

    await addProject(page, 'Limited repo', repo.path);
    const row = page.getByTestId('projects-table').getByRole('row').filter({ hasText: 'Limited repo' });
    await expect(row.getByTestId('project-qa-rounds')).toHaveValue('5');

    // A pattern that does not compile is refused with the reason; nothing is saved.
    await row.getByTestId('project-bash-allow').fill('npm (test');
    await row.getByRole('button', { name: 'Save' }).click();
    await expect(row).toContainText('is not a regular expression (Unterminated group)');

    await row.getByTestId('project-qa-rounds').fill('2');
    await row.getByTestId('project-bash-allow').fill('npm (test|run lint)\ngit (status|diff).*');
    await row.getByRole('button', { name: 'Save' }).click();
    await expect(row.getByRole('button', { name: 'Save' })).toHaveCount(0);

    await page.reload();
    const saved = page.getByTestId('projects-table').getByRole('row').filter({ hasText: 'Limited repo' });
    await expect(saved.getByTestId('project-qa-rounds')).toHaveValue('2');
    await expect(saved.getByTestId('project-bash-allow')).toHaveValue(
      'npm (test|run lint)\ngit (status|diff).*',
    );
  } finally {
    repo.remove();
  }
});

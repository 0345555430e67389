import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { greeterResponder, startFakeLlm } from '@switchyard/fake-llm';
import { newAccount, signUp } from './support/accounts';

test('a rejected key is replaced in place: edit, new key, test connection passes', async ({ page }) => {
  const goodKey = `sk-ant-good-${randomBytes(8).toString('hex')}`;
  const staleKey = `sk-ant-stale-${randomBytes(8).toString('hex')}`;
  // "Anthropic" accepts only the good key, as the real API does with a revoked one (SDK 1.x sends
  // an API key as a bearer token).
  const anthropic = await startFakeLlm({
    label: 'Anthropic (fake)',
    responder: (request) =>
      request.headers.authorization === `Bearer ${goodKey}`
        ? greeterResponder(request)
        : {
            kind: 'error',
            status: 401,
            body: { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } },
          },
  });
  try {
    await signUp(page, newAccount('Rotator'));
    await page.getByTestId('nav-integrations').click();
    const card = page.getByTestId('provider-anthropic');
    await card.getByRole('button', { name: 'Add credential' }).click();
    const add = page.getByRole('dialog');
    await add.getByLabel('Label').fill('Team key');
    await add.getByLabel('API key').fill(staleKey);
    await add.getByLabel('Base URL').fill(anthropic.url);
    await add.getByRole('button', { name: 'Save credential' }).click();
    await expect(add).toBeHidden();

    await card.getByRole('button', { name: 'Test connection' }).click();
    await expect(card.getByTestId('probe-result')).toHaveAttribute('data-ok', 'false', { timeout: 30_000 });
    await expect(card.getByTestId('probe-result')).toContainText('invalid x-api-key');

    // Edit: the dialog shows the key's last four characters, never the key.
    await card.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog');
    await expect(edit).toContainText(`…${staleKey.slice(-4)}`);
    await expect(edit.getByLabel('New API key')).toHaveValue('');
    await edit.getByLabel('Label').fill('Team key (rotated)');
    await edit.getByLabel('New API key').fill(goodKey);
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit).toBeHidden();

    // Same credential (same id), new key and label; the stale failure is gone until the next test.
    await expect(card.getByTestId('credential')).toHaveCount(1);
    await expect(card.getByTestId('credential-masked')).toHaveText(`…${goodKey.slice(-4)}`);
    await expect(card.getByTestId('credential')).toContainText('Team key (rotated)');
    await expect(card.getByTestId('probe-result')).toHaveCount(0);
    await card.getByRole('button', { name: 'Test connection' }).click();
    await expect(card.getByTestId('probe-result')).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });
    expect(anthropic.requests.at(-1)?.headers.authorization).toBe(`Bearer ${goodKey}`);
  } finally {
    await anthropic.close();
  }
});

import { expect, test } from '@playwright/test';
import { newAccount, signUp } from './support/accounts';

test('an admin invites by sign-up link; the invitee signs up from it with the address filled in and joins', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const owner = newAccount('Inviter');
  await signUp(page, owner);
  await page.getByTestId('nav-members').click();
  const invitee = newAccount('Invitee');
  await page.getByLabel('Email').fill(invitee.email);
  await page.getByRole('button', { name: 'Send invitation' }).click();
  const form = page.getByRole('form', { name: 'Invite' });
  await expect(form).toContainText('Send them this sign-up link');
  const link = await form.getByTestId('sign-up-link').inputValue();
  expect(link).toMatch(/\/sign-up\?invitation=[\w-]+$/);

  // The invitee, in a browser of their own, opens the link.
  const theirs = await browser.newContext();
  const them = await theirs.newPage();
  try {
    await them.goto(link);
    // The inviter's team: their own, or the demo team when they were the first to sign up.
    await expect(them.getByTestId('sign-up-notice')).toContainText(
      new RegExp(`^You are invited to (${owner.name}'s|Demo) team as member: sign up with ${invitee.email}`),
    );
    await expect(them.getByLabel('Email')).toHaveValue(invitee.email);
    await signUp(them, invitee, link);

    await them.goto('/settings/members');
    await them.getByRole('button', { name: 'Accept' }).click();
    await expect(them.getByRole('button', { name: 'Accept' })).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('main')).toContainText('No pending invitations');
    await expect(page.getByRole('main')).toContainText(invitee.email);
  } finally {
    await theirs.close();
  }
});

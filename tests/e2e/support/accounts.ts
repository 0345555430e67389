import { randomUUID } from 'node:crypto';
import { expect, type Page } from '@playwright/test';

export interface Account {
  name: string;
  email: string;
  password: string;
}

/** A user no other test uses (each test signs up its own). */
export function newAccount(name: string): Account {
  const id = randomUUID().slice(0, 8);
  return {
    name,
    email: `${name.toLowerCase().replace(/\W+/g, '-')}-${id}@example.test`,
    password: `pw-${randomUUID()}`,
  };
}

/**
 * Signs up through the dashboard's form and waits for the task board. better-auth allows 3 sign-ups
 * per 10 s from one address (its default, kept in production); every test signs up from 127.0.0.1,
 * so when the form says "Too many requests" this waits out the window and submits again, as a person
 * would.
 */
export async function signUp(page: Page, account: Account, from = '/sign-up'): Promise<void> {
  await page.goto(from);
  await page.getByLabel('Name').fill(account.name);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  for (let attempt = 1; ; attempt++) {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/auth/sign-up/email')),
      page.getByRole('button', { name: 'Create account' }).click(),
    ]);
    if (response.status() !== 429) break;
    await expect(page.getByRole('alert').filter({ hasText: 'Too many requests' })).toBeVisible();
    expect(attempt, 'still rate-limited after three windows').toBeLessThan(3);
    await page.waitForTimeout(10_000);
  }
  await expect(page.getByRole('heading', { name: 'Task board' })).toBeVisible({ timeout: 20_000 });
}

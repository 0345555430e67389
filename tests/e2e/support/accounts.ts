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

/** Signs up through the dashboard's form and waits for the task board. */
export async function signUp(page: Page, account: Account): Promise<void> {
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill(account.name);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Task board' })).toBeVisible({ timeout: 20_000 });
}

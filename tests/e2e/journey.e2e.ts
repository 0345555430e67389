import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, type Page, type Response, test } from '@playwright/test';
import { greeterResponder, startFakeLlm } from '@switchyard/fake-llm';
import { newAccount, signUp } from './support/accounts';
import { createGitRepo } from './support/git-repo';
import { addProject, waitForTaskStatus } from './support/pages';

const PROFILE = 'Opus plan, GLM code';

test('journey: credentials for two providers, a mixed profile, a task routed per phase, run live to done', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  // Two fake providers in this process: "Opus" speaks the Anthropic protocol, "GLM" the OpenAI one.
  const opus = await startFakeLlm({ responder: greeterResponder, label: 'Opus (fake)' });
  const glm = await startFakeLlm({ responder: greeterResponder, label: 'GLM (fake)' });
  const repo = createGitRepo('journey');
  const secrets = {
    anthropic: `sk-ant-e2e-${randomBytes(12).toString('hex')}`,
    zai: `zai-e2e-${randomBytes(12).toString('hex')}`,
  };
  const bodies = recordResponseBodies(page);
  const shot = (name: string) =>
    page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });

  try {
    await signUp(page, newAccount('Journey'));
    await shot('board-empty');
    await addProject(page, 'Journey repo', repo.path);
    await shot('projects');

    // Integrations: one credential per provider, each tested through the UI.
    await page.getByTestId('nav-integrations').click();
    await addCredential(page, 'anthropic', secrets.anthropic, opus.url);
    await addCredential(page, 'zai', secrets.zai, `${glm.url}/v1`);
    for (const provider of ['anthropic', 'zai']) {
      const card = page.getByTestId(`provider-${provider}`);
      await card.getByRole('button', { name: 'Test connection' }).click();
      await expect(card.getByTestId('probe-result')).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });
      await expect(card.getByTestId('probe-result')).toContainText('Connected');
    }
    expect(opus.requests.filter((r) => r.protocol === 'anthropic-messages').length).toBeGreaterThan(0);
    expect(glm.requests.filter((r) => r.protocol === 'openai-chat').length).toBeGreaterThan(0);
    await shot('integrations');

    // The profile: Opus plans, GLM codes.
    await page.getByTestId('nav-profiles').click();
    await page.getByRole('link', { name: 'New profile' }).click();
    await page.getByLabel('Name').fill(PROFILE);
    for (const [phase, provider, model] of [
      ['spec', 'anthropic', 'opus'],
      ['planning', 'anthropic', 'opus'],
      ['coding', 'zai', 'glm-4.7'],
      ['qa', 'zai', 'glm-4.7'],
    ] as const) {
      await page.locator(`#${phase}-provider`).selectOption(provider);
      await page.locator(`#${phase}-model`).fill(model);
    }
    await shot('profile-editor');
    await page.getByRole('button', { name: 'Create profile' }).click();
    const card = page.locator(`[data-testid="profile-card"][data-profile-name="${PROFILE}"]`);
    await expect(card).toBeVisible();
    await expect(card.getByTestId('profile-phase-coding')).toContainText('glm-4.7');
    await shot('profiles');

    // The wizard: the preview shows each phase's provider, model and credential source.
    await page.getByTestId('nav-new-task').click();
    await page.getByLabel('Title').fill('Greet the team');
    await page.getByLabel('Description').fill('Add HELLO.md with a short greeting for the team.');
    await page.getByLabel('Agent profile').selectOption({ label: PROFILE });
    const preview = page.getByTestId('routing-preview');
    await expect(preview).toHaveAttribute('data-ok', 'true');
    for (const phase of ['spec', 'planning']) {
      const row = preview.getByTestId(`preview-${phase}`);
      await expect(row.getByTestId('provider-badge')).toHaveAttribute('data-provider', 'anthropic');
      await expect(row.getByTestId('preview-model')).toContainText('opus');
      await expect(row.getByTestId('preview-credential')).toContainText('team default credential');
      await expect(row.getByTestId('preview-credential')).toContainText(secrets.anthropic.slice(-4));
    }
    for (const phase of ['coding', 'qa']) {
      const row = preview.getByTestId(`preview-${phase}`);
      await expect(row.getByTestId('provider-badge')).toHaveAttribute('data-provider', 'zai');
      await expect(row.getByTestId('preview-model')).toHaveText('glm-4.7');
      await expect(row.getByTestId('preview-credential')).toContainText('team default credential');
    }
    await shot('new-task');
    await page.getByRole('button', { name: 'Create task' }).click();

    // The task page: live log while it runs, then per-phase providers, tokens, cost and the diff.
    await expect(page).toHaveURL(/\/tasks\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('log-line').first()).toBeVisible({ timeout: 30_000 });
    await shot('task-running');
    await waitForTaskStatus(page, 'done', 240_000);

    const timeline = page.getByTestId('phase-timeline');
    for (const [phase, provider] of [
      ['spec', 'anthropic'],
      ['planning', 'anthropic'],
      ['coding', 'zai'],
      ['qa', 'zai'],
    ] as const) {
      const runs = timeline.locator(`[data-testid="phase-run"][data-phase="${phase}"]`);
      await expect(runs.first()).toBeVisible();
      const count = await runs.count();
      for (let i = 0; i < count; i++)
        await expect(runs.nth(i).getByTestId('provider-badge')).toHaveAttribute('data-provider', provider);
    }
    const coding = timeline.locator('[data-testid="phase-run"][data-phase="coding"]').first();
    await expect(coding.getByTestId('run-model')).toHaveText('glm-4.7');
    await expect(coding.getByTestId('run-tokens')).not.toHaveText('0 / 0');
    await expect(page.getByTestId('task-cost')).not.toHaveText('$0.00');
    await expect(page.getByTestId('task-providers')).toContainText('anthropic');
    await expect(page.getByTestId('task-providers')).toContainText('zai');

    // "Why this provider?" opens the routing trace of a run.
    await coding.getByRole('button', { name: 'Why this provider?' }).click();
    await expect(page.getByTestId('routing-trace')).toContainText('profile');

    await page.getByRole('tab', { name: /Changes/ }).click();
    await expect(page.getByTestId('diff-file').filter({ hasText: 'HELLO.md' })).toBeVisible();
    await shot('task-done');
    await page.getByRole('tab', { name: /Artifacts/ }).click();
    await expect(page.getByTestId('artifact-content')).toBeVisible();
    await shot('task-artifacts');

    // Each fake server got only its phases' calls: Anthropic for spec/planning, OpenAI for coding/QA.
    expect(opus.requests.every((r) => r.protocol === 'anthropic-messages')).toBe(true);
    expect(glm.requests.every((r) => r.protocol === 'openai-chat')).toBe(true);

    await page.getByTestId('nav-board').click();
    await expect(page.getByTestId('column-done').getByTestId('task-card')).toHaveCount(1);
    await expect(page.getByTestId('usage-by-provider')).toContainText('anthropic');
    await expect(page.getByTestId('usage-by-provider')).toContainText('zai');
    await shot('board-done');
    for (const [nav, heading, name] of [
      ['nav-usage', 'Usage', 'usage'],
      ['nav-members', 'Members and invitations', 'members'],
      ['nav-api-keys', 'API keys', 'api-keys'],
    ] as const) {
      await page.getByTestId(nav).click();
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: 'Loading' })).toHaveCount(0);
      await shot(name);
    }
    await page.getByTestId('nav-usage').click();
    for (const provider of ['anthropic', 'zai'])
      await expect(page.getByTestId('usage-totals-provider')).toContainText(provider);
    await expect(page.getByTestId('usage-totals-phase')).toContainText('Coding');
    await expect(page.getByTestId('chart-costUsd-by-provider').locator('svg').first()).toBeVisible();

    // Members: an invitation appears as pending. API keys: shown once, listed, revoked.
    await page.getByTestId('nav-members').click();
    await page.getByLabel('Email').fill('teammate@example.test');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    const inviteForm = page.getByRole('form', { name: 'Invite' });
    await expect(inviteForm).toContainText('Invitation made for teammate@example.test.');
    await expect(inviteForm.getByTestId('sign-up-link')).toHaveValue(/\/sign-up\?invitation=/);
    await expect(page.getByRole('cell', { name: 'teammate@example.test' })).toBeVisible();
    await page.getByTestId('nav-api-keys').click();
    await page.getByLabel('Name').fill('journey script');
    await page.getByRole('button', { name: 'Create key' }).click();
    await expect(page.getByTestId('new-api-key')).toContainText('sy_');
    const keyRow = page.getByTestId('api-keys-table').getByRole('row', { name: /journey script/ });
    await expect(keyRow).toBeVisible();
    await shot('api-key-created');
    page.once('dialog', (dialog) => dialog.accept());
    await keyRow.getByRole('button', { name: 'Revoke' }).click();
    await expect(keyRow).toContainText('revoked');

    // Secrets: no API response of the whole journey carried a credential secret.
    const recorded = await bodies.collect();
    expect(recorded.length).toBeGreaterThan(20);
    for (const secret of Object.values(secrets)) {
      const leaks = recorded.filter((r) => r.body.includes(secret)).map((r) => r.url);
      expect(leaks, `responses containing a credential secret`).toEqual([]);
    }
    // …nor did any line the web server and the worker logged meanwhile (tests/e2e/serve.ts keeps them).
    const serverLog = readFileSync(
      new URL('../../.data/test-results/e2e-server.log', import.meta.url),
      'utf8',
    );
    expect(serverLog).toContain('[worker]');
    for (const secret of Object.values(secrets))
      expect(serverLog.includes(secret), 'a secret in the server log').toBe(false);
  } finally {
    await opus.close();
    await glm.close();
    repo.remove();
  }
});

async function addCredential(page: Page, provider: string, secret: string, baseUrl: string): Promise<void> {
  const card = page.getByTestId(`provider-${provider}`);
  await card.getByRole('button', { name: 'Add credential' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('API key').fill(secret);
  await dialog.getByLabel('Base URL').fill(baseUrl);
  await dialog.getByRole('button', { name: 'Save credential' }).click();
  await expect(dialog).toBeHidden();
  await expect(card.getByTestId('credential-masked')).toHaveText(`…${secret.slice(-4)}`);
}

/** Every response the page receives from the app, body included (SSE streams once they end). */
function recordResponseBodies(page: Page) {
  const pending: Promise<{ url: string; body: string } | null>[] = [];
  page.on('response', (response: Response) => {
    if (!response.url().includes('/api/')) return;
    pending.push(
      response
        .body()
        .then((body) => ({ url: response.url(), body: body.toString('utf8') }))
        .catch(() => null),
    );
  });
  return {
    async collect() {
      const settled = await Promise.all(
        pending.map((p) =>
          Promise.race([p, new Promise<null>((resolve) => setTimeout(() => resolve(null), 5_000))]),
        ),
      );
      return settled.filter((r): r is { url: string; body: string } => r !== null);
    },
  };
}

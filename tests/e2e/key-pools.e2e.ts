import { randomBytes } from 'node:crypto';
import { type BrowserContext, expect, test } from '@playwright/test';
import { resolveRoutingForPhase } from '@switchyard/providers';
import { makeRepository, parseJson, signUp, trpc } from './support/cli-harness';
import { E2E_BASE_URL as baseUrl, expectExit, openCliSession } from './support/cli-session';
import { e2eDatabase } from './support/database';

// Key pools (issue 16) as a person sees them: several keys per provider in pool order, a key resting
// after a provider limit (the state a worker writes, set here in the database), and an admin ending
// the rest, in the dashboard and from the CLI.

const minutes = (n: number) => new Date(Date.now() + n * 60_000);
const hhmm = (date: Date) => date.toISOString().slice(11, 16);
/** As the dashboard and the CLI write it: `14:05 UTC`, with the date when it is not today (UTC). */
const utc = (date: Date) =>
  date.toISOString().slice(0, 10) === new Date().toISOString().slice(0, 10)
    ? `${hhmm(date)} UTC`
    : `${date.toISOString().slice(0, 10)} ${hhmm(date)} UTC`;

/** Signs `cookie` (from an HTTP sign-up) into the browser context, as the dashboard's form would. */
async function signIn(context: BrowserContext, cookie: string) {
  await context.addCookies(
    cookie.split('; ').map((pair) => {
      const [name, ...value] = pair.split('=');
      return { name: name!, value: value.join('='), url: baseUrl.replace('//127.0.0.1:', '//localhost:') };
    }),
  );
}

test('Integrations: pool order, a resting key says until when and why, an admin clears it, a member cannot', async ({
  browser,
}) => {
  const db = e2eDatabase();
  const stamp = Date.now();
  const owner = await signUp(baseUrl, 'Pool Owner', `pool-owner-${stamp}@example.test`);
  const ownerContext = await browser.newContext();
  await signIn(ownerContext, owner.cookie);
  const page = await ownerContext.newPage();
  const mainKey = `zai-main-${randomBytes(8).toString('hex')}`;
  const spareKey = `zai-spare-${randomBytes(8).toString('hex')}`;
  try {
    await page.goto('/settings/integrations');
    const card = page.getByTestId('provider-zai');
    for (const [label, key, position, weight] of [
      ['GLM main', mainKey, '0', '1'],
      ['GLM spare', spareKey, '2', '3'],
    ] as const) {
      await card.getByRole('button', { name: 'Add credential' }).click();
      const add = page.getByRole('dialog');
      await add.getByLabel('Label').fill(label);
      await add.getByLabel('API key').fill(key);
      await add.getByLabel('Pool position').fill(position);
      await add.getByLabel('Weight').fill(weight);
      await add.getByRole('button', { name: 'Save credential' }).click();
      await expect(add).toBeHidden();
    }
    const pool = card.getByRole('list', { name: 'Z.AI key pool' });
    const rows = pool.getByTestId('credential');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText('#1GLM main');
    await expect(rows.nth(0).getByTestId('credential-pool')).toContainText('position 0 · weight 1');
    await expect(rows.nth(1)).toContainText('#2GLM spare');
    await expect(rows.nth(1).getByTestId('credential-pool')).toContainText('position 2 · weight 3');
    await expect(card.getByTestId('credential-rest')).toHaveCount(0);

    // A worker met a rate limit on the spare key and "no balance" on the main one.
    const [main, spare] = [rows.nth(0), rows.nth(1)];
    const mainId = (await main.getAttribute('data-credential-id'))!;
    const spareId = (await spare.getAttribute('data-credential-id'))!;
    const until = minutes(30);
    await db.credentialState.create({
      data: {
        credentialId: spareId,
        restingSince: minutes(-1),
        restingUntil: until,
        restKind: 'rate_limited',
        restReason: '1302: Rate limit reached for requests',
        restUntilFrom: 'retry-after header',
        requestsLimit: 600,
        requestsRemaining: 0,
        tokensLimit: 1_000_000,
        tokensRemaining: 12_000,
        observedAt: minutes(-1),
      },
    });
    await db.credentialState.create({
      data: {
        credentialId: mainId,
        restingSince: minutes(-5),
        restKind: 'no_balance',
        restReason: '1113: Insufficient balance or no resource package',
      },
    });
    await page.reload();
    await expect(spare.getByTestId('credential-rest')).toHaveText(
      `rests until ${utc(until)} — rate_limited: 1302: Rate limit reached for requests`,
    );
    await expect(spare.getByTestId('credential-quota')).toContainText(
      'Remaining: requests 0 / 600 left · tokens 12,000 / 1,000,000 left',
    );
    await expect(main.getByTestId('credential-rest')).toHaveText(
      'rests until edited — no_balance: 1113: Insufficient balance or no resource package',
    );
    await expect(main.getByTestId('credential-quota')).toHaveCount(0);

    // A member sees the rests but has no "Clear rest" (admins only).
    const memberEmail = `pool-member-${stamp}@example.test`;
    const invitation = await trpc<{ id: string }>(baseUrl, { cookie: owner.cookie }, 'teams.invite', {
      email: memberEmail,
      role: 'member',
    });
    const member = await signUp(baseUrl, 'Pool Member', memberEmail);
    await trpc(baseUrl, { cookie: member.cookie }, 'teams.acceptInvitation', { invitationId: invitation.id });
    const memberContext = await browser.newContext();
    try {
      await signIn(memberContext, member.cookie);
      const memberPage = await memberContext.newPage();
      await memberPage.goto('/settings/integrations');
      const memberCard = memberPage.getByTestId('provider-zai');
      await expect(memberCard.getByTestId('credential-rest')).toHaveCount(2);
      await expect(memberCard.getByRole('button', { name: /Clear the rest/ })).toHaveCount(0);
    } finally {
      await memberContext.close();
    }

    // The owner clears the spare key's rest: it serves again; its reported capacity stays.
    await spare.getByRole('button', { name: 'Clear the rest of GLM spare' }).click();
    await expect(spare.getByTestId('credential-rest')).toHaveCount(0);
    await expect(spare.getByTestId('credential-quota')).toContainText('requests 0 / 600 left');
    expect(await db.credentialState.findUniqueOrThrow({ where: { credentialId: spareId } })).toMatchObject({
      restingSince: null,
      restingUntil: null,
      requestsRemaining: 0,
    });

    // Topping the balance up and saving the key (any edit) ends the "until edited" rest.
    await main.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog');
    await expect(edit).toContainText("Saving ends this key's rest");
    await edit.getByLabel('Weight').fill('2');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit).toBeHidden();
    await expect(main.getByTestId('credential-rest')).toHaveCount(0);
    await expect(main.getByTestId('credential-pool')).toContainText('position 0 · weight 2');

    // A weight out of range is refused by the server, naming the field.
    await spare.getByRole('button', { name: 'Edit' }).click();
    await edit.getByLabel('Weight').evaluate((input: HTMLInputElement) => input.removeAttribute('max'));
    await edit.getByLabel('Weight').fill('101');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit.getByRole('alert')).toContainText('weight must be a whole number from 1 to 100.');
    await edit.getByRole('button', { name: 'Cancel' }).click();

    await expect(page.locator('body')).not.toContainText(mainKey);
    await expect(page.locator('body')).not.toContainText(spareKey);
  } finally {
    await ownerContext.close();
    await db.$disconnect();
  }
});

test("the task page's routing panel shows which key each call used and why the run switched or waited", async ({
  browser,
}) => {
  const db = e2eDatabase();
  const owner = await signUp(baseUrl, 'Keys Owner', `keys-owner-${Date.now()}@example.test`);
  const context = await browser.newContext();
  try {
    const auth = { cookie: owner.cookie };
    const main = await trpc<{ id: string; teamId: string }>(baseUrl, auth, 'credentials.create', {
      provider: 'zai',
      label: 'GLM main',
      secret: 'zai-keys-main-0001',
    });
    const spare = await trpc<{ id: string }>(baseUrl, auth, 'credentials.create', {
      provider: 'zai',
      label: 'GLM spare',
      secret: 'zai-keys-spare-0002',
      position: 1,
    });
    const project = await trpc<{ id: string }>(baseUrl, auth, 'projects.create', {
      name: 'keys repo',
      repoPath: makeRepository(),
    });
    // A finished coding run whose decision carries what a worker records with a pool (the worker is
    // not what this test is about): the pool, the key policy, each call's key and the key choices.
    const decision = resolveRoutingForPhase('coding', {
      task: { provider: 'zai' },
      profile: { phases: {}, keyPolicy: { waitMaxSeconds: 120, reservePercent: 10 } },
      teamCredentials: [
        {
          id: main.id,
          provider: 'zai',
          label: 'GLM main',
          protocol: 'openai-chat',
          baseUrl: null,
          isDefault: true,
        },
        {
          id: spare.id,
          provider: 'zai',
          label: 'GLM spare',
          protocol: 'openai-chat',
          baseUrl: null,
          isDefault: false,
          position: 1,
        },
      ],
    });
    const at = new Date().toISOString();
    const call = { at, turn: 1, provider: 'zai', model: 'glm-4.7', latencyMs: 800 };
    const routingDecision = {
      ...decision,
      attempts: [
        {
          ...call,
          attempt: 1,
          outcome: 'error',
          errorClass: 'rate_limited',
          message: '1302: Rate limit reached for requests',
          credentialLabel: 'GLM main',
        },
        { ...call, attempt: 2, outcome: 'ok', credentialLabel: 'GLM spare' },
      ],
      keys: [
        {
          at,
          turn: 1,
          provider: 'zai',
          credentialId: main.id,
          label: 'GLM main',
          kind: 'chosen',
          reason: 'the default key',
        },
        {
          at,
          turn: 1,
          provider: 'zai',
          credentialId: spare.id,
          label: 'GLM spare',
          kind: 'switched',
          reason: 'GLM main rests until 14:05 UTC (1302 rate limit); now the next key by position',
        },
        {
          at,
          turn: 2,
          provider: 'zai',
          credentialId: null,
          label: null,
          kind: 'waited',
          reason: 'Z.AI keys all rest until 14:06 UTC (1302 rate limit): waiting 40 s (limit 120 s)',
        },
      ],
    };
    const task = await db.task.create({
      data: {
        teamId: main.teamId,
        projectId: project.id,
        title: 'Pooled run',
        description: 'd',
        status: 'failed',
      },
    });
    await db.phaseRun.create({
      data: {
        taskId: task.id,
        phase: 'coding',
        kind: 'coding.subtask',
        status: 'failed',
        finishedAt: new Date(),
        routingDecision,
      },
    });

    await signIn(context, owner.cookie);
    const page = await context.newPage();
    await page.goto(`/tasks/${task.id}`);
    const coding = page.locator('[data-testid="phase-run"][data-phase="coding"]').first();
    await coding.getByRole('button', { name: 'Why this provider?' }).click();
    const trace = page.getByTestId('routing-trace');
    await expect(trace.getByTestId('routing-pool')).toHaveText(
      'Key pool: GLM main (position 0, weight 1) → GLM spare (position 1, weight 1) · waits up to 120 s for a reset, keeps a 10 % reserve',
    );
    await expect(trace).toContainText('turn 1 · attempt 1 · zai/glm-4.7 · key GLM main · error');
    await expect(trace).toContainText('turn 1 · attempt 2 · zai/glm-4.7 · key GLM spare · ok');
    const keys = trace.getByTestId('routing-keys').getByRole('listitem');
    await expect(keys).toHaveText([
      'turn 1 · zai · chosen GLM main: the default key',
      'turn 1 · zai · switched GLM spare: GLM main rests until 14:05 UTC (1302 rate limit); now the next key by position',
      'turn 2 · zai · waited: Z.AI keys all rest until 14:06 UTC (1302 rate limit): waiting 40 s (limit 120 s)',
    ]);
  } finally {
    await context.close();
    await db.$disconnect();
  }
});

test('profile form: the key policy fields round-trip', async ({ browser }) => {
  const owner = await signUp(baseUrl, 'Policy Owner', `policy-owner-${Date.now()}@example.test`);
  const context = await browser.newContext();
  try {
    await signIn(context, owner.cookie);
    const page = await context.newPage();
    await page.goto('/profiles/new');
    await page.getByLabel('Name').fill('Pooled GLM');
    await expect(page.getByLabel('Longest wait for a key (seconds)')).toHaveValue('300');
    await expect(page.getByLabel('Key reserve (%)')).toHaveValue('5');
    await page.getByLabel('Longest wait for a key (seconds)').fill('600');
    await page.getByLabel('Key reserve (%)').fill('10');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await expect(page).toHaveURL(/\/profiles$/);
    await page
      .locator('[data-testid="profile-card"][data-profile-name="Pooled GLM"]')
      .getByRole('link', { name: 'Edit' })
      .click();
    await expect(page.getByLabel('Longest wait for a key (seconds)')).toHaveValue('600');
    await expect(page.getByLabel('Key reserve (%)')).toHaveValue('10');
  } finally {
    await context.close();
  }
});

test('CLI: pool flags, the rest in credentials list and providers list, clear-rest, profile key policy flags', async () => {
  const s = await openCliSession('Pool CLI');
  const db = e2eDatabase();
  try {
    expectExit(
      await s.cliWithStdin('zai-cli-one-0001', 'credentials', 'add', '--provider', 'zai', '--label', 'one'),
      0,
    );
    const two = await s.cliWithStdin(
      'zai-cli-two-0002',
      'credentials',
      'add',
      '--provider',
      'zai',
      '--label',
      'two',
      '--position',
      '1',
      '--weight',
      '4',
      '--json',
    );
    expectExit(two, 0);
    const { id: twoId } = parseJson<{ id: string; position: number; weight: number }>(two);
    expect(parseJson(two)).toMatchObject({ position: 1, weight: 4, rest: null, quota: null });

    const until = minutes(45);
    await db.credentialState.create({
      data: {
        credentialId: twoId,
        restingSince: minutes(-1),
        restingUntil: until,
        restKind: 'quota_exhausted',
        restReason: 'Usage limit reached for 5 hour',
        tokensLimit: 5000,
        tokensRemaining: 0,
        observedAt: minutes(-1),
      },
    });
    const list = await s.cli('credentials', 'list');
    expectExit(list, 0);
    expect(list.stdout).toContain(
      `rests until ${utc(until)} (quota_exhausted: Usage limit reached for 5 hour)`,
    );
    expect(list.stdout).toContain('tokens 0/5,000 left');
    const listed = await s.ok<{ label: string; rest: { kind: string } | null }[]>('credentials', 'list');
    expect(
      listed
        .filter((c) => c.label === 'one' || c.label === 'two')
        .map((c) => [c.label, c.rest?.kind ?? null]),
    ).toEqual([
      ['one', null],
      ['two', 'quota_exhausted'],
    ]);
    const providers = await s.cli('providers', 'list');
    expect(providers.stdout).toContain('Key pools (in the order workers use them):');
    expect(providers.stdout).toMatch(
      /2\. "two" …0002 \(position 1, weight 4\) rests until .* · tokens 0\/5,000 left/,
    );

    const cleared = await s.cli('credentials', 'clear-rest', 'two');
    expectExit(cleared, 0);
    expect(cleared.stdout).toContain('Cleared the rest of zai credential "two"');
    expect(
      (await s.ok<{ label: string; rest: unknown }[]>('credentials', 'list')).find((c) => c.label === 'two')
        ?.rest,
    ).toBeNull();

    const created = await s.cliWithStdin(
      JSON.stringify({ name: 'Pool policy', phases: {} }),
      'profiles',
      'create',
      '--file',
      '-',
      '--key-wait-max',
      '900',
      '--key-reserve',
      '15',
      '--json',
    );
    expectExit(created, 0);
    expect(parseJson(created)).toMatchObject({ keyWaitMaxSeconds: 900, keyReservePercent: 15 });
    expect(await s.ok('profiles', 'update', 'Pool policy', '--key-reserve', '20')).toMatchObject({
      name: 'Pool policy',
      keyWaitMaxSeconds: 900,
      keyReservePercent: 20,
    });
    expect((await s.cli('profiles', 'get', 'Pool policy')).stdout).toContain(
      "key pools: wait up to 900 s for a resting key's reset, leave a key below 20 % of its limit",
    );
  } finally {
    await db.$disconnect();
    await s.close();
  }
});

import type { PrismaClient } from '@switchyard/db';
import type { apiHarness, SignedUp } from './api-harness';

export interface TeamFixture {
  owner: SignedUp;
  teamId: string;
  projectId: string;
  taskId: string;
  /** The task's one phase run. */
  runId: string;
  profileId: string;
  credentialId: string;
  /** The credential's secret, to check that no response ever contains it. */
  secret: string;
  apiKey: string;
  apiKeyId: string;
  invitationId: string;
  /** A plain member (role member) of the team. */
  member: SignedUp;
  viewer: SignedUp;
}

/**
 * A team with one of everything, created through the API as its owner: a project, a failed task
 * with a plan artifact and an event, a profile, a credential, an API key, a pending invitation, and
 * a member and a viewer who joined by invitation.
 */
export async function teamFixture(
  prisma: PrismaClient,
  harness: ReturnType<typeof apiHarness>,
  name: string,
): Promise<TeamFixture> {
  const owner = await harness.signUp(name);
  const api = await owner.api();
  const teamId = (await owner.ctx()).team!.id;
  const project = await api.projects.create({ name: `${name}-repo`, repoPath: harness.repo(name) });
  const secret = `sk-${name}-super-secret-value-${Math.random().toString(36).slice(2)}`;
  const credential = await api.credentials.create({ provider: 'anthropic', secret });
  const profile = await api.profiles.create({
    name: `${name} profile`,
    phases: {
      coding: { provider: 'anthropic', model: 'sonnet', thinking: 'low', credentialId: credential.id },
    },
  });
  const task = await prisma.task.create({
    data: {
      teamId,
      projectId: project.id,
      title: `${name} task`,
      description: 'd',
      status: 'failed',
      profileId: profile.id,
    },
  });
  const run = await prisma.phaseRun.create({
    data: {
      taskId: task.id,
      phase: 'spec',
      kind: 'spec.requirements',
      status: 'failed',
      finishedAt: new Date(),
    },
  });
  await prisma.phaseEvent.create({
    data: { phaseRunId: run.id, seq: 1, type: 'log', payload: { text: 'hello' } },
  });
  await prisma.artifact.create({
    data: {
      taskId: task.id,
      phaseRunId: run.id,
      name: 'implementation_plan.json',
      content: '{"subtasks":[{"id":"s1","title":"x"}]}',
    },
  });
  const key = await api.apiKeys.create({ name: 'cli' });

  const member = await harness.signUp(`${name}-member`);
  const viewer = await harness.signUp(`${name}-viewer`);
  for (const [user, role] of [
    [member, 'member'],
    [viewer, 'viewer'],
  ] as const) {
    const invitation = await api.teams.invite({ email: user.email, role });
    await (await user.api()).teams.acceptInvitation({ invitationId: invitation.id });
  }
  const pending = await api.teams.invite({ email: `nobody-${name}@example.com`, role: 'member' });
  return {
    owner,
    teamId,
    projectId: project.id,
    taskId: task.id,
    runId: run.id,
    profileId: profile.id,
    credentialId: credential.id,
    secret,
    apiKey: key.key,
    apiKeyId: key.id,
    invitationId: pending.id,
    member,
    viewer,
  };
}

import { freshDatabase, type TestDatabase } from '@switchyard/db/testing/vitest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  INVITATION_LINK_MESSAGE,
  INVITATION_ONLY_MESSAGE,
  invitationForSignUp,
  signUpLink,
  signUpNotice,
  signUpPolicyFrom,
} from '../src';
import { apiHarness } from './support/api-harness';

let db: TestDatabase;
beforeEach(async () => {
  db = await freshDatabase();
});
afterEach(() => db?.drop());

describe('sign-up by invitation (the default after the first owner)', () => {
  it('lets the first person in as owner, refuses the next one, and admits them with their link', async () => {
    const harness = apiHarness(db.prisma, { signUp: 'invitation' });
    expect(await signUpNotice(db.prisma, 'invitation')).toMatch(/first person here: your account will own/);
    const owner = await harness.signUp('Olga', 'olga@example.com');
    expect((await owner.ctx()).team?.role).toBe('owner');

    expect(await signUpNotice(db.prisma, 'invitation')).toMatch(/by invitation: open the sign-up link/);
    await expect(harness.signUp('Stranger', 'stranger@example.com')).rejects.toThrow(INVITATION_ONLY_MESSAGE);
    expect(await db.prisma.user.count({ where: { email: 'stranger@example.com' } })).toBe(0);

    const invitation = await (await owner.api()).teams.invite({
      email: 'Newcomer@Example.com',
      role: 'member',
    });
    // Knowing the invited address is not enough: the link's invitation id must come with it.
    await expect(harness.signUp('Squatter', 'newcomer@example.com')).rejects.toThrow(INVITATION_ONLY_MESSAGE);
    // And a link works only for the address it was made for.
    await expect(harness.signUp('Other', 'other@example.com', invitation.id)).rejects.toThrow(
      INVITATION_LINK_MESSAGE,
    );
    expect(await invitationForSignUp(db.prisma, invitation.id)).toMatchObject({
      email: 'newcomer@example.com',
      team: { name: "Olga's team" },
    });
    expect(signUpLink('http://localhost:3000/', invitation.id)).toBe(
      `http://localhost:3000/sign-up?invitation=${invitation.id}`,
    );

    const newcomer = await harness.signUp('Newcomer', 'newcomer@example.com', invitation.id);
    const invitations = await (await newcomer.api()).teams.myInvitations();
    expect(invitations.map((i) => i.team.name)).toEqual(["Olga's team"]);
  });

  it('refuses the link of an invitation that expired or was cancelled', async () => {
    const harness = apiHarness(db.prisma, { signUp: 'invitation' });
    const api = await (await harness.signUp('Olga')).api();
    const late = await api.teams.invite({ email: 'late@example.com', role: 'member' });
    await db.prisma.invitation.update({
      where: { id: late.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const cancelled = await api.teams.invite({ email: 'cancelled@example.com', role: 'member' });
    await api.teams.cancelInvitation({ invitationId: cancelled.id });

    await expect(harness.signUp('Late', 'late@example.com', late.id)).rejects.toThrow(
      INVITATION_LINK_MESSAGE,
    );
    await expect(harness.signUp('Cancelled', 'cancelled@example.com', cancelled.id)).rejects.toThrow(
      INVITATION_LINK_MESSAGE,
    );
    expect(await invitationForSignUp(db.prisma, late.id)).toBeNull();
  });

  it('is open to anyone when the operator says so', async () => {
    const harness = apiHarness(db.prisma, { signUp: 'open' });
    await harness.signUp('First');
    const second = await harness.signUp('Second');
    expect((await second.ctx()).team?.role).toBe('owner');
    expect(await signUpNotice(db.prisma, 'open')).toBeNull();
  });
});

describe('SWITCHYARD_OPEN_SIGNUP', () => {
  it('is "on" or "off" (the default), and anything else says what to write', () => {
    expect(signUpPolicyFrom({})).toBe('invitation');
    expect(signUpPolicyFrom({ SWITCHYARD_OPEN_SIGNUP: 'off' })).toBe('invitation');
    expect(signUpPolicyFrom({ SWITCHYARD_OPEN_SIGNUP: ' ON ' })).toBe('open');
    expect(() => signUpPolicyFrom({ SWITCHYARD_OPEN_SIGNUP: 'yes' })).toThrow(
      'SWITCHYARD_OPEN_SIGNUP must be "on" (anyone who reaches the dashboard may sign up) or "off" (the default: by invitation), not "yes".',
    );
  });
});

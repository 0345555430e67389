import type { PrismaClient } from '@switchyard/db';

/**
 * Who may create an account (docs/decisions/0009). The first person of a fresh install always may
 * (they become its owner); after that, by default only people who open an invitation's sign-up link
 * with the address it was made for, unless the operator opens sign-up to anyone who can reach the
 * dashboard.
 */
export type SignUpPolicy = 'open' | 'invitation';

export const OPEN_SIGNUP_ENV = 'SWITCHYARD_OPEN_SIGNUP';

/** SWITCHYARD_OPEN_SIGNUP: "on" opens sign-up; unset or "off" keeps it to invitations. */
export function signUpPolicyFrom(env: Record<string, string | undefined>): SignUpPolicy {
  const value = env[OPEN_SIGNUP_ENV]?.trim().toLowerCase();
  if (!value || value === 'off') return 'invitation';
  if (value === 'on') return 'open';
  throw new Error(
    `${OPEN_SIGNUP_ENV} must be "on" (anyone who reaches the dashboard may sign up) or "off" (the default: by invitation), not "${env[OPEN_SIGNUP_ENV]}".`,
  );
}

export const INVITATION_ONLY_MESSAGE =
  'Sign-up on this Switchyard is by invitation: ask a team admin to invite your email address (Settings → Members) and open the sign-up link they give you. The operator can open sign-up to everyone with SWITCHYARD_OPEN_SIGNUP=on.';

export const INVITATION_LINK_MESSAGE =
  'This sign-up link does not work for this email address: the invitation was cancelled, has expired or was made for another address. Sign up with the invited address, or ask the admin for a new invitation.';

/** The sign-up link an invitee opens: Switchyard sends no mail, so the admin passes it on. */
export function signUpLink(baseUrl: string, invitationId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/sign-up?invitation=${encodeURIComponent(invitationId)}`;
}

/**
 * Null when this email may create an account now, else why not (shown on the sign-up page). With
 * invitations, the invitation's id (from its link) must come with the address it was made for:
 * knowing an invited address is not enough to take the account.
 */
export async function signUpRefusal(
  prisma: PrismaClient,
  policy: SignUpPolicy,
  email: string,
  invitationId: unknown,
): Promise<string | null> {
  if (policy === 'open') return null;
  if ((await prisma.user.count()) === 0) return null;
  if (typeof invitationId !== 'string' || invitationId.length === 0 || invitationId.length > 100) {
    return INVITATION_ONLY_MESSAGE;
  }
  const invited = await prisma.invitation.findFirst({
    where: {
      id: invitationId,
      email: { equals: email.trim(), mode: 'insensitive' },
      status: 'pending',
      expiresAt: { gt: new Date() },
    },
    select: { id: true },
  });
  return invited ? null : INVITATION_LINK_MESSAGE;
}

/** Who a sign-up link invites, for the sign-up page (null: no such pending invitation). */
export async function invitationForSignUp(prisma: PrismaClient, invitationId: string) {
  if (invitationId.length === 0 || invitationId.length > 100) return null;
  return prisma.invitation.findFirst({
    where: { id: invitationId, status: 'pending', expiresAt: { gt: new Date() } },
    select: { email: true, role: true, team: { select: { name: true } } },
  });
}

/** What the sign-up page says before anyone types: open, first account, or invitation only. */
export async function signUpNotice(prisma: PrismaClient, policy: SignUpPolicy): Promise<string | null> {
  if (policy === 'open') return null;
  if ((await prisma.user.count()) === 0)
    return 'You are the first person here: your account will own this Switchyard.';
  return 'Sign-up is by invitation: open the sign-up link a team admin gave you.';
}

import type { PrismaClient } from '@switchyard/db';

/**
 * Who may create an account (docs/decisions/0009). The first person of a fresh install always may
 * (they become its owner); after that, by default only people with a pending invitation do, unless
 * the operator opens sign-up to anyone who can reach the dashboard.
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
  'Sign-up on this Switchyard is by invitation: ask a team admin to invite this email address (Settings → Members), then sign up with it. The operator can open sign-up to everyone with SWITCHYARD_OPEN_SIGNUP=on.';

/** Null when this email may create an account now, else why not (shown on the sign-up page). */
export async function signUpRefusal(
  prisma: PrismaClient,
  policy: SignUpPolicy,
  email: string,
): Promise<string | null> {
  if (policy === 'open') return null;
  if ((await prisma.user.count()) === 0) return null;
  const invited = await prisma.invitation.findFirst({
    where: {
      email: { equals: email.trim(), mode: 'insensitive' },
      status: 'pending',
      expiresAt: { gt: new Date() },
    },
    select: { id: true },
  });
  return invited ? null : INVITATION_ONLY_MESSAGE;
}

/** What the sign-up page says before anyone types: open, first account, or invitation only. */
export async function signUpNotice(prisma: PrismaClient, policy: SignUpPolicy): Promise<string | null> {
  if (policy === 'open') return null;
  if ((await prisma.user.count()) === 0)
    return 'You are the first person here: your account will own this Switchyard.';
  return 'Sign-up is by invitation: use the email address a team admin invited.';
}

import type { PrismaClient, Role } from '@switchyard/db';
import { badRequest, forbidden, notFound } from '../errors';
import { teamSettingsOf } from './team-settings';

/** How long an invitation stays valid (better-auth's organization plugin default, 48 h). */
export const INVITATION_TTL_MS = 48 * 60 * 60 * 1000;

/** The caller's team, their role in it, every team they belong to (for a team switcher), and its settings. */
export async function getCurrentTeam(prisma: PrismaClient, userId: string, team: { id: string; role: Role }) {
  const [current, memberships] = await Promise.all([
    prisma.team.findUniqueOrThrow({
      where: { id: team.id },
      select: { id: true, name: true, slug: true, defaultProvider: true, createdAt: true, webSearch: true },
    }),
    prisma.membership.findMany({
      where: { userId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { role: true, team: { select: { id: true, name: true, slug: true } } },
    }),
  ]);
  const { webSearch, ...shown } = current;
  return {
    team: shown,
    role: team.role,
    teams: memberships.map((m) => ({ ...m.team, role: m.role })),
    ...teamSettingsOf({ webSearch }),
  };
}

export async function listMembers(prisma: PrismaClient, teamId: string) {
  const [members, invitations] = await Promise.all([
    prisma.membership.findMany({
      where: { teamId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    }),
    prisma.invitation.findMany({
      where: { teamId, status: 'pending', expiresAt: { gt: new Date() } },
      orderBy: { createdAt: 'asc' },
      select: invitationSelect,
    }),
  ]);
  return {
    members: members.map((m) => ({
      userId: m.user.id,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
      joinedAt: m.createdAt,
    })),
    invitations,
  };
}

const invitationSelect = {
  id: true,
  teamId: true,
  email: true,
  role: true,
  status: true,
  expiresAt: true,
  createdAt: true,
} as const;

/** Invites an email address (admin). Only an owner may invite an owner; a new invite replaces a pending one. */
export async function inviteMember(
  prisma: PrismaClient,
  caller: { userId: string; teamId: string; role: Role },
  input: { email: string; role: Role },
) {
  if (input.role === 'owner' && caller.role !== 'owner')
    throw forbidden('Only an owner can invite an owner.');
  const email = input.email.toLowerCase();
  const existing = await prisma.membership.findFirst({
    where: { teamId: caller.teamId, user: { email: { equals: email, mode: 'insensitive' } } },
    select: { id: true },
  });
  if (existing) throw badRequest(`${email} is already a member of the team.`);
  return prisma.$transaction(async (tx) => {
    await tx.invitation.updateMany({
      where: { teamId: caller.teamId, email, status: 'pending' },
      data: { status: 'canceled' },
    });
    return tx.invitation.create({
      data: {
        teamId: caller.teamId,
        email,
        role: input.role,
        inviterId: caller.userId,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      },
      select: invitationSelect,
    });
  });
}

export async function cancelInvitation(prisma: PrismaClient, teamId: string, invitationId: string) {
  const changed = await prisma.invitation.updateMany({
    where: { id: invitationId, teamId, status: 'pending' },
    data: { status: 'canceled' },
  });
  if (changed.count === 0) throw notFound('Invitation');
  return { id: invitationId };
}

/** Pending invitations addressed to the caller's email. */
export function listMyInvitations(prisma: PrismaClient, email: string) {
  return prisma.invitation.findMany({
    where: {
      email: { equals: email, mode: 'insensitive' },
      status: 'pending',
      expiresAt: { gt: new Date() },
    },
    orderBy: { createdAt: 'asc' },
    select: {
      ...invitationSelect,
      team: { select: { name: true } },
      inviter: { select: { name: true, email: true } },
    },
  });
}

/**
 * Accepts an invitation addressed to the caller (any other is NOT_FOUND), makes them a member with
 * its role and, for a browser session, switches the session to that team.
 */
export async function acceptInvitation(
  prisma: PrismaClient,
  caller: { userId: string; email: string; sessionId: string | null },
  invitationId: string,
) {
  return prisma.$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({
      where: {
        id: invitationId,
        email: { equals: caller.email, mode: 'insensitive' },
        status: 'pending',
        expiresAt: { gt: new Date() },
      },
    });
    if (!invitation) throw notFound('Invitation');
    const membership = await tx.membership.upsert({
      where: { teamId_userId: { teamId: invitation.teamId, userId: caller.userId } },
      create: { teamId: invitation.teamId, userId: caller.userId, role: invitation.role },
      update: {},
      select: { teamId: true, role: true },
    });
    await tx.invitation.update({ where: { id: invitation.id }, data: { status: 'accepted' } });
    if (caller.sessionId)
      await tx.session.update({ where: { id: caller.sessionId }, data: { activeTeamId: invitation.teamId } });
    return membership;
  });
}

/**
 * Changes a member's role (admin). Owners are managed by owners only, and the last owner cannot be
 * demoted: a team always has someone who can administer it.
 */
export async function changeRole(
  prisma: PrismaClient,
  caller: { teamId: string; role: Role },
  input: { userId: string; role: Role },
) {
  return prisma.$transaction(async (tx) => {
    const target = await lockedMember(tx, caller.teamId, input.userId);
    if ((target.role === 'owner' || input.role === 'owner') && caller.role !== 'owner')
      throw forbidden("Only an owner can make someone an owner or change an owner's role.");
    if (target.role === 'owner' && input.role !== 'owner') await assertNotLastOwner(tx, caller.teamId);
    return tx.membership.update({
      where: { id: target.id },
      data: { role: input.role },
      select: { userId: true, teamId: true, role: true },
    });
  });
}

/** Removes a member (admin); same owner rules as changeRole. Their API keys for the team stop working. */
export async function removeMember(
  prisma: PrismaClient,
  caller: { teamId: string; role: Role },
  userId: string,
) {
  return prisma.$transaction(async (tx) => {
    const target = await lockedMember(tx, caller.teamId, userId);
    if (target.role === 'owner' && caller.role !== 'owner')
      throw forbidden('Only an owner can remove an owner.');
    if (target.role === 'owner') await assertNotLastOwner(tx, caller.teamId);
    await tx.membership.delete({ where: { id: target.id } });
    await tx.apiKey.updateMany({ where: { teamId: caller.teamId, userId }, data: { enabled: false } });
    await tx.session.updateMany({
      where: { userId, activeTeamId: caller.teamId },
      data: { activeTeamId: null },
    });
    return { userId };
  });
}

/** Makes another team of the caller's the session's active team. */
export async function switchActiveTeam(
  prisma: PrismaClient,
  caller: { userId: string; sessionId: string },
  teamId: string,
) {
  const membership = await prisma.membership.findUnique({
    where: { teamId_userId: { teamId, userId: caller.userId } },
    select: { teamId: true, role: true },
  });
  if (!membership) throw notFound('Team');
  await prisma.session.update({ where: { id: caller.sessionId }, data: { activeTeamId: teamId } });
  return membership;
}

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

async function lockedMember(tx: Tx, teamId: string, userId: string) {
  // Lock the team's owner rows so two concurrent demotions cannot both pass the last-owner check.
  await tx.$queryRaw`SELECT id FROM "Membership" WHERE "teamId" = ${teamId} AND role = 'owner' FOR UPDATE`;
  const member = await tx.membership.findUnique({ where: { teamId_userId: { teamId, userId } } });
  if (!member) throw notFound('Member');
  return member;
}

async function assertNotLastOwner(tx: Tx, teamId: string) {
  const owners = await tx.membership.count({ where: { teamId, role: 'owner' } });
  if (owners <= 1) throw badRequest('The team needs at least one owner: make someone else an owner first.');
}

import type { PrismaClient } from '@switchyard/db';
import { DEMO_TEAM_SLUG } from '@switchyard/db/seed';

/**
 * Every new user gets a team to work in (ARCHITECTURE.md §7). The first user of a fresh install
 * becomes owner of the seeded offline demo team while it has no members, so the demo project is
 * theirs; everyone else gets a team of their own ("Ada's team"), which they own.
 */
export async function provisionUserTeam(
  prisma: PrismaClient,
  user: { id: string; name: string; email: string },
): Promise<{ teamId: string }> {
  const provisioned = await prisma.$transaction(async (tx) => {
    // Serialise concurrent sign-ups so only one of them can claim the empty demo team.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('switchyard.provision-user-team'))`;
    const demo = await tx.team.findUnique({
      where: { slug: DEMO_TEAM_SLUG },
      select: { id: true, _count: { select: { memberships: true } } },
    });
    if (demo && demo._count.memberships === 0) {
      await tx.membership.create({ data: { teamId: demo.id, userId: user.id, role: 'owner' } });
      return { teamId: demo.id };
    }
    const display = user.name.trim() || user.email.split('@')[0] || 'My';
    const team = await tx.team.create({
      data: {
        name: `${display}'s team`,
        slug: await freeSlug(tx, display),
        memberships: { create: { userId: user.id, role: 'owner' } },
      },
    });
    return { teamId: team.id };
  });
  // better-auth creates the sign-up session before this hook runs: start it in the new team.
  await prisma.session.updateMany({
    where: { userId: user.id, activeTeamId: null },
    data: { activeTeamId: provisioned.teamId },
  });
  return provisioned;
}

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

async function freeSlug(tx: Tx, name: string): Promise<string> {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'team';
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await tx.team.findUnique({ where: { slug }, select: { id: true } }))) return slug;
  }
}

import type { PrismaClient } from '../generated/prisma/client';
import { BUILTIN_PROFILES, type BuiltinProfile } from './builtin-profiles';

/**
 * Creates or refreshes the built-in profiles (teamId null). Idempotent: matched by name, so a
 * second run changes nothing and an edited definition replaces the stored one.
 */
export async function seedBuiltinProfiles(
  prisma: PrismaClient,
  profiles: BuiltinProfile[] = BUILTIN_PROFILES,
): Promise<{ created: number; updated: number }> {
  let created = 0;
  let updated = 0;
  for (const profile of profiles) {
    const data = {
      description: profile.description,
      defaultProvider: profile.defaultProvider,
      phases: profile.phases as object,
    };
    const existing = await prisma.agentProfile.findFirst({ where: { teamId: null, name: profile.name } });
    if (existing) {
      await prisma.agentProfile.update({ where: { id: existing.id }, data });
      updated += 1;
    } else {
      await prisma.agentProfile.create({ data: { ...data, name: profile.name, teamId: null } });
      created += 1;
    }
  }
  return { created, updated };
}

import { Prisma, type PrismaClient, readWebSearchSetting, type WebSearchSetting } from '@switchyard/db';
import type { TeamSettingsInput } from '../schemas/team-settings';

/** The settings of a team every member may read (`teams.current`). */
export interface TeamSettings {
  webSearch: WebSearchSetting | null;
}

export function teamSettingsOf(team: { webSearch: Prisma.JsonValue | null }): TeamSettings {
  return { webSearch: readWebSearchSetting(team.webSearch).setting };
}

/** Replaces the team's settings (admin): `webSearch: null` takes WebSearch away from its agents. */
export async function updateTeamSettings(
  prisma: PrismaClient,
  teamId: string,
  input: TeamSettingsInput,
): Promise<TeamSettings> {
  const team = await prisma.team.update({
    where: { id: teamId },
    data: { webSearch: input.webSearch ?? Prisma.DbNull },
    select: { webSearch: true },
  });
  return teamSettingsOf(team);
}

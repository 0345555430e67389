import type { Phase, PrismaClient } from '@switchyard/db';

export interface UsagePoint {
  /** UTC day, YYYY-MM-DD. */
  date: string;
  provider: string;
  phase: Phase;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/**
 * Tokens and cost per day, provider and phase over the last `days` days, for the team's charts.
 * The provider is the one that served the run (its routing decision); runs still pending or never
 * routed have spent nothing and are left out. One grouped query over the team's runs.
 */
export async function getUsageStats(
  prisma: PrismaClient,
  teamId: string,
  days: number,
): Promise<{ points: UsagePoint[] }> {
  const rows = await prisma.$queryRaw<
    { date: string; provider: string; phase: Phase; input: bigint; output: bigint; cost: string }[]
  >`
    SELECT to_char(date_trunc('day', coalesce(r."finishedAt", r."startedAt")), 'YYYY-MM-DD') AS date,
           coalesce(r."routingDecision" -> 'hops' -> -1 -> 'to' ->> 'provider', r."routingDecision" ->> 'provider') AS provider,
           r.phase,
           sum(r."inputTokens") AS input,
           sum(r."outputTokens") AS output,
           sum(r."costUsd")::text AS cost
      FROM "PhaseRun" r
      JOIN "Task" t ON t.id = r."taskId"
     WHERE t."teamId" = ${teamId}
       AND r."startedAt" IS NOT NULL
       AND r."routingDecision" IS NOT NULL
       AND coalesce(r."finishedAt", r."startedAt") >= now() - make_interval(days => ${days})
     GROUP BY 1, 2, 3
     ORDER BY 1, 2, 3`;
  return {
    points: rows.map((row) => ({
      date: row.date,
      provider: row.provider,
      phase: row.phase,
      inputTokens: Number(row.input),
      outputTokens: Number(row.output),
      costUsd: Number(row.cost),
    })),
  };
}

-- AlterTable
ALTER TABLE "PhaseRun" ADD COLUMN     "unsandboxed" BOOLEAN NOT NULL DEFAULT false;

-- Serves the dashboard's unsandboxed-runs banner (stats.sandbox): only the rare flagged runs.
CREATE INDEX "PhaseRun_unsandboxed" ON "PhaseRun"("startedAt") WHERE unsandboxed;

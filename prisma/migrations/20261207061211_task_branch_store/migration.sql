-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "baseCommit" TEXT,
ADD COLUMN     "branchHead" TEXT,
ADD COLUMN     "deliveredAt" TIMESTAMP(3),
ADD COLUMN     "deliveredHead" TEXT,
ADD COLUMN     "deliveredTo" TEXT,
ADD COLUMN     "deliveryError" TEXT;

-- CreateTable
CREATE TABLE "TaskBranchBundle" (
    "id" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "phaseRunId" TEXT,
    "fromCommit" TEXT NOT NULL,
    "toCommit" TEXT NOT NULL,
    "commits" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TaskBranchBundle_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TaskBranchBundle_phaseRunId_idx" ON "TaskBranchBundle"("phaseRunId");

-- CreateIndex
CREATE UNIQUE INDEX "TaskBranchBundle_taskId_seq_key" ON "TaskBranchBundle"("taskId", "seq");

-- AddForeignKey
ALTER TABLE "TaskBranchBundle" ADD CONSTRAINT "TaskBranchBundle_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskBranchBundle" ADD CONSTRAINT "TaskBranchBundle_phaseRunId_fkey" FOREIGN KEY ("phaseRunId") REFERENCES "PhaseRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

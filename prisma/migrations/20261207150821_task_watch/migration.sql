-- Tasks followed live by a web process (docs/decisions/0017): the worker announces their new events.
-- CreateTable
CREATE TABLE "TaskWatch" (
    "taskId" TEXT NOT NULL,
    "watcher" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TaskWatch_pkey" PRIMARY KEY ("taskId","watcher")
);

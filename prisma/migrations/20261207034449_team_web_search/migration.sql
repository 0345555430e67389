-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "webSearch" JSONB;

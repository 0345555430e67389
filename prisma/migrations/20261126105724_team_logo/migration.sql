-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "logo" TEXT;

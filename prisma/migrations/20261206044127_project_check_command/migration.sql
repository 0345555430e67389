-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "checkCommand" TEXT;

-- AlterTable
ALTER TABLE "AgentProfile" ADD COLUMN     "keyReservePercent" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN     "keyWaitMaxSeconds" INTEGER NOT NULL DEFAULT 300;

-- AlterTable
ALTER TABLE "ProviderCredential" ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "weight" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "CredentialState" (
    "credentialId" TEXT NOT NULL,
    "restingSince" TIMESTAMP(3),
    "restingUntil" TIMESTAMP(3),
    "restKind" TEXT,
    "restReason" TEXT,
    "restUntilFrom" TEXT,
    "requestsLimit" INTEGER,
    "requestsRemaining" INTEGER,
    "requestsResetAt" TIMESTAMP(3),
    "tokensLimit" INTEGER,
    "tokensRemaining" INTEGER,
    "tokensResetAt" TIMESTAMP(3),
    "observedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CredentialState_pkey" PRIMARY KEY ("credentialId")
);

-- AddForeignKey
ALTER TABLE "CredentialState" ADD CONSTRAINT "CredentialState_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "ProviderCredential"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "MailFolder" ADD COLUMN     "recentUidFloor" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "ImapConnectionLease" (
    "id" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "mailboxId" INTEGER,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImapConnectionLease_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ImapConnectionLease_ip_idx" ON "ImapConnectionLease"("ip");

-- CreateIndex
CREATE INDEX "ImapConnectionLease_mailboxId_idx" ON "ImapConnectionLease"("mailboxId");

-- CreateIndex
CREATE INDEX "ImapConnectionLease_instanceId_idx" ON "ImapConnectionLease"("instanceId");


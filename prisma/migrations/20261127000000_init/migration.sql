-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "MailProtocol" AS ENUM ('POP3', 'IMAP');

-- CreateEnum
CREATE TYPE "MailService" AS ENUM ('IMAP', 'POP3', 'SMTP');

-- CreateEnum
CREATE TYPE "TransportSecurity" AS ENUM ('IMPLICIT_TLS', 'STARTTLS');

-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('admin', 'support');

-- CreateEnum
CREATE TYPE "LoginDoor" AS ENUM ('WEB', 'ADMIN', 'SMTP', 'POP3', 'IMAP');

-- CreateTable
CREATE TABLE "Domain" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Domain_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Mailbox" (
    "id" SERIAL NOT NULL,
    "address" TEXT NOT NULL,
    "localPart" TEXT NOT NULL,
    "domainId" INTEGER NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "passwordChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "tempPasswordHash" TEXT,
    "tempPasswordExpiresAt" TIMESTAMP(3),
    "recoveryEmail" TEXT,
    "recoveryEmailPending" TEXT,
    "preferredProtocol" "MailProtocol" NOT NULL DEFAULT 'IMAP',
    "imapEnabled" BOOLEAN NOT NULL DEFAULT true,
    "pop3Enabled" BOOLEAN NOT NULL DEFAULT true,
    "smtpEnabled" BOOLEAN NOT NULL DEFAULT true,
    "quotaBytes" BIGINT NOT NULL DEFAULT 2147483648,
    "usedBytes" BIGINT NOT NULL DEFAULT 0,
    "suspended" BOOLEAN NOT NULL DEFAULT false,
    "suspendedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Mailbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MailFolder" (
    "id" SERIAL NOT NULL,
    "mailboxId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "specialUse" TEXT,
    "subscribed" BOOLEAN NOT NULL DEFAULT true,
    "uidValidity" INTEGER NOT NULL,
    "uidNext" INTEGER NOT NULL DEFAULT 1,
    "highestModseq" BIGINT NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MailFolder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Message" (
    "id" BIGSERIAL NOT NULL,
    "folderId" INTEGER NOT NULL,
    "mailboxId" INTEGER NOT NULL,
    "uid" INTEGER NOT NULL,
    "modseq" BIGINT NOT NULL,
    "flags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "internalDate" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "size" INTEGER NOT NULL,
    "raw" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExpungedMessage" (
    "id" BIGSERIAL NOT NULL,
    "folderId" INTEGER NOT NULL,
    "uid" INTEGER NOT NULL,
    "modseq" BIGINT NOT NULL,

    CONSTRAINT "ExpungedMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServerEndpoint" (
    "id" SERIAL NOT NULL,
    "service" "MailService" NOT NULL,
    "security" "TransportSecurity" NOT NULL,
    "hostname" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "recommended" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ServerEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffUser" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "StaffRole" NOT NULL,
    "totpSecret" TEXT,
    "totpEnabledAt" TIMESTAMP(3),
    "backupCodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastLoginAt" TIMESTAMP(3),

    CONSTRAINT "StaffUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "ip" TEXT,
    "details" JSONB,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "door" "LoginDoor" NOT NULL,
    "address" TEXT NOT NULL,
    "mailboxId" INTEGER,
    "ip" TEXT,
    "success" BOOLEAN NOT NULL,
    "reason" TEXT,

    CONSTRAINT "LoginAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PasswordResetToken" (
    "id" SERIAL NOT NULL,
    "mailboxId" INTEGER NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "purpose" TEXT NOT NULL DEFAULT 'password_reset',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "requestIp" TEXT,

    CONSTRAINT "PasswordResetToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SettingsRequest" (
    "id" SERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "address" TEXT NOT NULL,
    "mailboxId" INTEGER,
    "ip" TEXT,
    "outcome" TEXT NOT NULL,
    "deliveryState" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextAttemptAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "SettingsRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboundMessage" (
    "id" BIGSERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "mailboxId" INTEGER,
    "envelopeFrom" TEXT NOT NULL,
    "recipients" TEXT[],
    "raw" BYTEA NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,

    CONSTRAINT "OutboundMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Domain_name_key" ON "Domain"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Mailbox_address_key" ON "Mailbox"("address");

-- CreateIndex
CREATE INDEX "Mailbox_domainId_idx" ON "Mailbox"("domainId");

-- CreateIndex
CREATE INDEX "Mailbox_localPart_idx" ON "Mailbox"("localPart");

-- CreateIndex
CREATE UNIQUE INDEX "MailFolder_mailboxId_name_key" ON "MailFolder"("mailboxId", "name");

-- CreateIndex
CREATE INDEX "Message_folderId_modseq_idx" ON "Message"("folderId", "modseq");

-- CreateIndex
CREATE INDEX "Message_mailboxId_idx" ON "Message"("mailboxId");

-- CreateIndex
CREATE UNIQUE INDEX "Message_folderId_uid_key" ON "Message"("folderId", "uid");

-- CreateIndex
CREATE INDEX "ExpungedMessage_folderId_modseq_idx" ON "ExpungedMessage"("folderId", "modseq");

-- CreateIndex
CREATE UNIQUE INDEX "ServerEndpoint_service_security_key" ON "ServerEndpoint"("service", "security");

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_email_key" ON "StaffUser"("email");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_targetType_targetId_at_idx" ON "AuditEvent"("targetType", "targetId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_actorType_actorId_at_idx" ON "AuditEvent"("actorType", "actorId", "at");

-- CreateIndex
CREATE INDEX "LoginAttempt_address_at_idx" ON "LoginAttempt"("address", "at");

-- CreateIndex
CREATE INDEX "LoginAttempt_ip_at_idx" ON "LoginAttempt"("ip", "at");

-- CreateIndex
CREATE INDEX "LoginAttempt_mailboxId_at_idx" ON "LoginAttempt"("mailboxId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "PasswordResetToken_tokenHash_key" ON "PasswordResetToken"("tokenHash");

-- CreateIndex
CREATE INDEX "PasswordResetToken_mailboxId_purpose_idx" ON "PasswordResetToken"("mailboxId", "purpose");

-- CreateIndex
CREATE INDEX "SettingsRequest_createdAt_idx" ON "SettingsRequest"("createdAt");

-- CreateIndex
CREATE INDEX "SettingsRequest_address_createdAt_idx" ON "SettingsRequest"("address", "createdAt");

-- CreateIndex
CREATE INDEX "SettingsRequest_ip_createdAt_idx" ON "SettingsRequest"("ip", "createdAt");

-- CreateIndex
CREATE INDEX "SettingsRequest_deliveryState_nextAttemptAt_idx" ON "SettingsRequest"("deliveryState", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboundMessage_state_nextAttemptAt_idx" ON "OutboundMessage"("state", "nextAttemptAt");

-- AddForeignKey
ALTER TABLE "Mailbox" ADD CONSTRAINT "Mailbox_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailFolder" ADD CONSTRAINT "MailFolder_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_folderId_fkey" FOREIGN KEY ("folderId") REFERENCES "MailFolder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpungedMessage" ADD CONSTRAINT "ExpungedMessage_folderId_fkey" FOREIGN KEY ("folderId") REFERENCES "MailFolder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoginAttempt" ADD CONSTRAINT "LoginAttempt_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PasswordResetToken" ADD CONSTRAINT "PasswordResetToken_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SettingsRequest" ADD CONSTRAINT "SettingsRequest_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox"("id") ON DELETE SET NULL ON UPDATE CASCADE;


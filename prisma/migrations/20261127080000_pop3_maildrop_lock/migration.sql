-- CreateTable
CREATE TABLE "Pop3MaildropLock" (
    "mailboxId" INTEGER NOT NULL,
    "holder" TEXT NOT NULL,
    "acquiredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Pop3MaildropLock_pkey" PRIMARY KEY ("mailboxId")
);

-- AddForeignKey
ALTER TABLE "Pop3MaildropLock" ADD CONSTRAINT "Pop3MaildropLock_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox"("id") ON DELETE CASCADE ON UPDATE CASCADE;


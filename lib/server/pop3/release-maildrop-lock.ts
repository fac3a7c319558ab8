import { db } from "@/lib/server/db/client";

/** Gives the maildrop back; a no-op when `holder` no longer holds it. */
export async function releaseMaildropLock(options: {
  mailboxId: number;
  holder: string;
}): Promise<void> {
  await db().$executeRaw`
    DELETE FROM "Pop3MaildropLock"
    WHERE "mailboxId" = ${options.mailboxId} AND holder = ${options.holder}`;
}

// The POP3 UPDATE state (RFC 1939 §6): messages marked with DELE are removed only now, and
// only while this session still holds the maildrop lock, in the same transaction that gives
// the lock back. A session that drops without QUIT never gets here, so it deletes nothing.
import { AppError } from "@/lib/server/errors/app-error";
import { db } from "@/lib/server/db/client";
import { expungeMessages } from "@/lib/server/mail-store/expunge-messages";

export type CommitMaildropDeletionsOptions = {
  mailboxId: number;
  folderId: number;
  holder: string;
  uids: number[];
};

export async function commitMaildropDeletions(
  options: CommitMaildropDeletionsOptions,
): Promise<{ removed: number[] }> {
  return db().$transaction(
    async (tx) => {
      const held = await tx.$queryRaw<Array<{ holder: string }>>`
        SELECT holder FROM "Pop3MaildropLock"
        WHERE "mailboxId" = ${options.mailboxId} AND holder = ${options.holder}
        FOR UPDATE`;
      if (held.length === 0)
        throw new AppError("UNAVAILABLE", "The maildrop lock was lost; nothing was deleted.");
      const result = await expungeMessages({ folderId: options.folderId, uids: options.uids }, tx);
      await tx.$executeRaw`
        DELETE FROM "Pop3MaildropLock"
        WHERE "mailboxId" = ${options.mailboxId} AND holder = ${options.holder}`;
      return { removed: result.uids };
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
}

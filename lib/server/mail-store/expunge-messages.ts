// Removes messages from a folder (IMAP EXPUNGE, POP3 QUIT after DELE), remembers their UIDs
// with a new modseq for CONDSTORE/QRESYNC, and gives their bytes back to the quota.
import { db, type Tx } from "@/lib/server/db/client";
import { notifyFolderChange } from "@/lib/server/imap/notify-folder-change";

export type ExpungeResult = { uids: number[]; modseq: bigint | null };

export async function expungeMessages(
  options: { folderId: number; uids: number[] },
  tx?: Tx,
): Promise<ExpungeResult> {
  if (options.uids.length === 0) return { uids: [], modseq: null };
  const run = async (t: Tx): Promise<ExpungeResult> => {
    const removed = await t.$queryRaw<Array<{ uid: number; size: number; mailboxId: number }>>`
      DELETE FROM "Message" WHERE "folderId" = ${options.folderId} AND uid = ANY(${options.uids}::int[])
      RETURNING uid, size, "mailboxId"`;
    if (removed.length === 0) return { uids: [], modseq: null };
    const [folder] = await t.$queryRaw<Array<{ modseq: bigint }>>`
      UPDATE "MailFolder" SET "highestModseq" = "highestModseq" + 1 WHERE id = ${options.folderId}
      RETURNING "highestModseq" AS modseq`;
    await t.expungedMessage.createMany({
      data: removed.map((r) => ({ folderId: options.folderId, uid: r.uid, modseq: folder.modseq })),
    });
    const bytes = removed.reduce((sum, r) => sum + r.size, 0);
    await t.$executeRaw`
      UPDATE "Mailbox" SET "usedBytes" = GREATEST(0, "usedBytes" - ${bytes}) WHERE id = ${removed[0].mailboxId}`;
    await notifyFolderChange(options.folderId, t); // wakes IMAP IDLE sessions at COMMIT
    return { uids: removed.map((r) => r.uid).sort((a, b) => a - b), modseq: folder.modseq };
  };
  return tx ? run(tx) : db().$transaction(run, { maxWait: 10_000, timeout: 30_000 });
}

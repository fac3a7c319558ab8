// Removes messages from a folder (IMAP EXPUNGE, MOVE, POP3 QUIT after DELE), remembers their UIDs
// with a new modseq for CONDSTORE/QRESYNC, and gives their bytes back to the quota.
//
// The tombstones (ExpungedMessage) are bounded: each folder keeps the newest KEPT_TOMBSTONES; older
// ones are deleted and MailFolder.expungedFloorModseq rises to the newest modseq pruned. A client
// whose last known modseq is below that floor cannot be told exactly what vanished, so it gets a
// full answer instead (every UID below UIDNEXT that no longer exists; see vanished-uids.ts).
import { db, type Tx } from "@/lib/server/db/client";
import { notifyFolderChange } from "@/lib/server/imap/notify-folder-change";

export type ExpungeResult = { uids: number[]; modseq: bigint | null };

/** Tombstones kept per folder: enough for a phone that was offline for weeks. */
export const KEPT_TOMBSTONES = 10_000;

export async function expungeMessages(
  options: { folderId: number; uids: number[]; keptTombstones?: number },
  tx?: Tx,
): Promise<ExpungeResult> {
  if (options.uids.length === 0) return { uids: [], modseq: null };
  const { folderId } = options;
  const run = async (t: Tx): Promise<ExpungeResult> => {
    const removed = await t.$queryRaw<Array<{ uid: number; size: number; mailboxId: number }>>`
      DELETE FROM "Message" WHERE "folderId" = ${folderId} AND uid = ANY(${options.uids}::int[])
      RETURNING uid, size, "mailboxId"`;
    if (removed.length === 0) return { uids: [], modseq: null };
    const [folder] = await t.$queryRaw<Array<{ modseq: bigint }>>`
      UPDATE "MailFolder" SET "highestModseq" = "highestModseq" + 1 WHERE id = ${folderId}
      RETURNING "highestModseq" AS modseq`;
    await t.expungedMessage.createMany({
      data: removed.map((r) => ({ folderId, uid: r.uid, modseq: folder.modseq })),
    });
    await pruneTombstones(t, folderId, options.keptTombstones ?? KEPT_TOMBSTONES);
    const bytes = removed.reduce((sum, r) => sum + r.size, 0);
    await t.$executeRaw`
      UPDATE "Mailbox" SET "usedBytes" = GREATEST(0, "usedBytes" - ${bytes}) WHERE id = ${removed[0].mailboxId}`;
    await notifyFolderChange(folderId, t); // wakes IMAP IDLE sessions at COMMIT
    return { uids: removed.map((r) => r.uid).sort((a, b) => a - b), modseq: folder.modseq };
  };
  return tx ? run(tx) : db().$transaction(run, { maxWait: 10_000, timeout: 30_000 });
}

/**
 * Keeps the newest `kept` tombstones of the folder (by modseq; ties at the cut are pruned too, so
 * everything above the floor stays exact). Runs under the folder row lock taken by the modseq bump.
 */
async function pruneTombstones(t: Tx, folderId: number, kept: number): Promise<void> {
  await t.$executeRaw`
    WITH cut AS (
      SELECT modseq FROM "ExpungedMessage" WHERE "folderId" = ${folderId}
      ORDER BY modseq DESC OFFSET ${kept} LIMIT 1
    ), pruned AS (
      DELETE FROM "ExpungedMessage" e USING cut
      WHERE e."folderId" = ${folderId} AND e.modseq <= cut.modseq
    )
    UPDATE "MailFolder" f SET "expungedFloorModseq" = GREATEST(f."expungedFloorModseq", cut.modseq)
    FROM cut WHERE f.id = ${folderId}`;
}

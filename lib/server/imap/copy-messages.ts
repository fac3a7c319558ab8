// IMAP COPY / MOVE (RFC 3501, RFC 6851) with UIDPLUS answers: messages get consecutive new UIDs
// in the target folder, one new modseq, and their stored IMAP structure and search headers go
// with them.
import { AppError } from "@/lib/server/errors/app-error";
import { db } from "@/lib/server/db/client";
import { expungeMessages } from "@/lib/server/mail-store/expunge-messages";
import { notifyFolderChange } from "./notify-folder-change";

export type CopyResult = {
  uidValidity: number;
  /** [source UID, target UID] in source UID order. */
  pairs: Array<[number, number]>;
};

export async function copyMessages(options: {
  mailboxId: number;
  fromFolderId: number;
  toFolderId: number;
  uids: number[];
  /** MOVE: remove from the source in the same transaction. */
  move: boolean;
}): Promise<CopyResult> {
  const { fromFolderId, toFolderId, mailboxId } = options;
  const result = await db().$transaction(
    async (tx) => {
      const sources = await tx.message.findMany({
        where: { folderId: fromFolderId, uid: { in: options.uids } },
        select: { uid: true, size: true },
        orderBy: { uid: "asc" },
      });
      const [target] = await tx.$queryRaw<
        Array<{ uidNext: number; modseq: bigint; uidValidity: number }>
      >`
        UPDATE "MailFolder" SET "uidNext" = "uidNext" + ${sources.length},
          "highestModseq" = "highestModseq" + 1
        WHERE id = ${toFolderId} AND "mailboxId" = ${mailboxId}
        RETURNING "uidNext" - ${sources.length} AS "uidNext", "highestModseq" AS modseq, "uidValidity"`;
      if (!target) throw new AppError("NOT_FOUND", "No such folder.");
      if (sources.length === 0) return { uidValidity: target.uidValidity, pairs: [] };
      const bytes = sources.reduce((sum, m) => sum + m.size, 0);
      // A move hands the bytes back when the source is expunged below, so it never fails on quota.
      const charged = await tx.$executeRaw`
        UPDATE "Mailbox" SET "usedBytes" = "usedBytes" + ${bytes}
        WHERE id = ${mailboxId} AND (${options.move} OR "usedBytes" + ${bytes} <= "quotaBytes")`;
      if (charged !== 1) throw new AppError("QUOTA_EXCEEDED", "Mailbox is full.");
      const sourceUids = sources.map((s) => s.uid);
      await tx.$executeRaw`
        INSERT INTO "Message" ("folderId", "mailboxId", uid, modseq, flags, "internalDate", size, raw,
          "imapEnvelope", "imapBodyStructure", "imapBody", "searchHeaders")
        SELECT ${toFolderId}, "mailboxId",
          ${target.uidNext}::int + (row_number() OVER (ORDER BY uid))::int - 1,
          ${target.modseq}, flags, "internalDate", size, raw, "imapEnvelope", "imapBodyStructure",
          "imapBody", "searchHeaders"
        FROM "Message" WHERE "folderId" = ${fromFolderId} AND uid = ANY(${sourceUids}::int[])`;
      if (options.move) await expungeMessages({ folderId: fromFolderId, uids: sourceUids }, tx);
      return {
        uidValidity: target.uidValidity,
        pairs: sourceUids.map((uid, i): [number, number] => [uid, target.uidNext + i]),
      };
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
  if (result.pairs.length > 0) {
    await notifyFolderChange(toFolderId);
    if (options.move) await notifyFolderChange(fromFolderId);
  }
  return result;
}

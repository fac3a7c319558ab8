// IMAP STORE: changes flags of messages, giving every changed message a new modseq taken from the
// folder (whose row lock orders concurrent stores); CONDSTORE UNCHANGEDSINCE leaves messages
// modified after that modseq alone and reports them.
import { db } from "@/lib/server/db/client";
import type { MessageState } from "./folder-state";
import { notifyFolderChange } from "./notify-folder-change";

export type StoreMode = "set" | "add" | "remove";

export type StoreResult = {
  /** Current state of every requested message that still exists. */
  messages: MessageState[];
  /** UIDs whose flags this call changed. */
  changed: number[];
  /** UIDs refused because they changed after UNCHANGEDSINCE. */
  modified: number[];
};

export async function storeFlags(options: {
  folderId: number;
  uids: number[];
  mode: StoreMode;
  flags: string[];
  unchangedSince?: bigint;
}): Promise<StoreResult> {
  const { folderId, uids, flags } = options;
  if (uids.length === 0) return { messages: [], changed: [], modified: [] };
  const result = await db().$transaction(
    async (tx) => {
      const [folder] = await tx.$queryRaw<Array<{ modseq: bigint }>>`
        UPDATE "MailFolder" SET "highestModseq" = "highestModseq" + 1 WHERE id = ${folderId}
        RETURNING "highestModseq" AS modseq`;
      if (!folder) return { messages: [], changed: [], modified: [] };
      const limit = options.unchangedSince ?? null;
      let changed: Array<{ uid: number }>;
      if (options.mode === "add") {
        changed = await tx.$queryRaw`
          UPDATE "Message" SET flags = ARRAY(SELECT DISTINCT unnest(flags || ${flags}::text[])),
            modseq = ${folder.modseq}
          WHERE "folderId" = ${folderId} AND uid = ANY(${uids}::int[])
            AND NOT (flags @> ${flags}::text[])
            AND (${limit}::bigint IS NULL OR modseq <= ${limit}::bigint)
          RETURNING uid`;
      } else if (options.mode === "remove") {
        changed = await tx.$queryRaw`
          UPDATE "Message" SET flags = ARRAY(SELECT unnest(flags) EXCEPT SELECT unnest(${flags}::text[])),
            modseq = ${folder.modseq}
          WHERE "folderId" = ${folderId} AND uid = ANY(${uids}::int[])
            AND flags && ${flags}::text[]
            AND (${limit}::bigint IS NULL OR modseq <= ${limit}::bigint)
          RETURNING uid`;
      } else {
        changed = await tx.$queryRaw`
          UPDATE "Message" SET flags = ${flags}::text[], modseq = ${folder.modseq}
          WHERE "folderId" = ${folderId} AND uid = ANY(${uids}::int[])
            AND NOT (flags @> ${flags}::text[] AND flags <@ ${flags}::text[])
            AND (${limit}::bigint IS NULL OR modseq <= ${limit}::bigint)
          RETURNING uid`;
      }
      const messages = await tx.message.findMany({
        where: { folderId, uid: { in: uids } },
        select: { uid: true, flags: true, modseq: true },
        orderBy: { uid: "asc" },
      });
      const changedSet = new Set(changed.map((c) => c.uid));
      const modified =
        limit === null
          ? []
          : messages.filter((m) => !changedSet.has(m.uid) && m.modseq > limit).map((m) => m.uid);
      return { messages, changed: [...changedSet].sort((a, b) => a - b), modified };
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
  if (result.changed.length > 0) await notifyFolderChange(folderId);
  return result;
}

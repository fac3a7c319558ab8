// IMAP STORE: changes flags of messages, giving every changed message a new modseq taken from the
// folder (whose row lock orders concurrent stores); CONDSTORE UNCHANGEDSINCE leaves messages
// modified after that modseq alone and reports them.
import { db } from "@/lib/server/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { MessageState } from "./folder-state";
import { FOLDER_CHANGE_CHANNEL } from "./notify-folder-change";

export type StoreMode = "set" | "add" | "remove";

export type StoreResult = {
  /** Current state of every requested message that still exists. */
  messages: MessageState[];
  /** UIDs whose flags this call changed. */
  changed: number[];
  /** UIDs refused because they changed after UNCHANGEDSINCE. */
  modified: number[];
  /**
   * The folder's highest modseq after this call (null: nothing requested or folder gone). One
   * above what the caller knew means nobody else changed the folder in between.
   */
  folderModseq: bigint | null;
};

/** The new flags and which rows actually change, per mode. */
function change(mode: StoreMode, flags: string[]) {
  if (mode === "add")
    return {
      set: Prisma.sql`ARRAY(SELECT DISTINCT unnest(m.flags || ${flags}::text[]))`,
      differs: Prisma.sql`NOT (m.flags @> ${flags}::text[])`,
    };
  if (mode === "remove")
    return {
      set: Prisma.sql`ARRAY(SELECT unnest(m.flags) EXCEPT SELECT unnest(${flags}::text[]))`,
      differs: Prisma.sql`m.flags && ${flags}::text[]`,
    };
  return {
    set: Prisma.sql`${flags}::text[]`,
    differs: Prisma.sql`NOT (m.flags @> ${flags}::text[] AND m.flags <@ ${flags}::text[])`,
  };
}

type StoreRow = { uid: number; flags: string[]; modseq: bigint; changed: boolean };

export async function storeFlags(options: {
  folderId: number;
  uids: number[];
  mode: StoreMode;
  flags: string[];
  unchangedSince?: bigint;
}): Promise<StoreResult> {
  const { folderId, uids, flags } = options;
  if (uids.length === 0) return { messages: [], changed: [], modified: [], folderModseq: null };
  const limit = options.unchangedSince ?? null;
  const { set, differs } = change(options.mode, flags);
  // One statement: the folder UPDATE comes first (its row lock orders concurrent stores and
  // hands out the new modseq), then the messages that change; the rows left alone are read
  // beside them, so the answer holds every requested message that still exists.
  const rows = await db().$queryRaw<Array<StoreRow & { folderModseq: bigint }>>`
    WITH folder AS (
      UPDATE "MailFolder" SET "highestModseq" = "highestModseq" + 1 WHERE id = ${folderId}
      RETURNING "highestModseq" AS modseq
    ), updated AS (
      UPDATE "Message" m SET flags = ${set}, modseq = folder.modseq
      FROM folder
      WHERE m."folderId" = ${folderId} AND m.uid = ANY(${uids}::int[]) AND ${differs}
        AND (${limit}::bigint IS NULL OR m.modseq <= ${limit}::bigint)
      RETURNING m.uid, m.flags, m.modseq
    )
    SELECT s.uid, s.flags, s.modseq, s.changed, folder.modseq AS "folderModseq", woken.n
    FROM folder CROSS JOIN (
      -- Wakes other sessions (at COMMIT) when something changed: part of this statement,
      -- so no extra round trip.
      SELECT count(pg_notify(${FOLDER_CHANGE_CHANNEL}, ${String(folderId)})) AS n
      FROM (SELECT 1 FROM updated LIMIT 1) one
    ) woken CROSS JOIN (
      SELECT uid, flags, modseq, true AS changed FROM updated
      UNION ALL
      SELECT m.uid, m.flags, m.modseq, false FROM "Message" m
      WHERE m."folderId" = ${folderId} AND m.uid = ANY(${uids}::int[])
        AND m.uid NOT IN (SELECT uid FROM updated)
    ) s
    ORDER BY s.uid`;
  const messages: MessageState[] = rows.map(({ uid, flags, modseq }) => ({ uid, flags, modseq }));
  const changed = rows.filter((r) => r.changed).map((r) => r.uid);
  const modified =
    limit === null ? [] : rows.filter((r) => !r.changed && r.modseq > limit).map((r) => r.uid);
  return { messages, changed, modified, folderModseq: rows[0]?.folderModseq ?? null };
}

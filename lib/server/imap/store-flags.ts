// IMAP STORE: changes flags of messages, giving every changed message a new modseq taken from the
// folder (whose row lock orders concurrent stores); CONDSTORE UNCHANGEDSINCE leaves messages
// modified after that modseq alone and reports them.
import { pgPool } from "@/lib/server/db/client";
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

/** The new flags and which rows actually change, per mode ($3 is the flag list). */
const CHANGE: Record<StoreMode, { set: string; differs: string }> = {
  add: {
    set: "ARRAY(SELECT DISTINCT unnest(m.flags || $3::text[]))",
    differs: "NOT (m.flags @> $3::text[])",
  },
  remove: {
    set: "ARRAY(SELECT unnest(m.flags) EXCEPT SELECT unnest($3::text[]))",
    differs: "m.flags && $3::text[]",
  },
  set: {
    set: "$3::text[]",
    differs: "NOT (m.flags @> $3::text[] AND m.flags <@ $3::text[])",
  },
};

/**
 * One statement: the folder UPDATE comes first (its row lock orders concurrent stores and hands
 * out the new modseq), then the messages that change; the rows left alone are read beside them,
 * so the answer holds every requested message that still exists. The NOTIFY that wakes other
 * sessions (at COMMIT, only when something changed) is part of it: no extra round trip.
 * $1 folder id, $2 UIDs, $3 flags, $4 UNCHANGEDSINCE or null, $5 channel, $6 payload.
 */
const STORE_SQL = Object.fromEntries(
  (Object.keys(CHANGE) as StoreMode[]).map((mode) => [
    mode,
    `WITH folder AS (
       UPDATE "MailFolder" SET "highestModseq" = "highestModseq" + 1 WHERE id = $1
       RETURNING "highestModseq" AS modseq
     ), updated AS (
       UPDATE "Message" m SET flags = ${CHANGE[mode].set}, modseq = folder.modseq
       FROM folder
       WHERE m."folderId" = $1 AND m.uid = ANY($2::int[]) AND ${CHANGE[mode].differs}
         AND ($4::bigint IS NULL OR m.modseq <= $4::bigint)
       RETURNING m.uid, m.flags, m.modseq
     )
     SELECT s.uid, s.flags, s.modseq::text AS modseq, s.changed,
            folder.modseq::text AS "folderModseq", woken.n
     FROM folder CROSS JOIN (
       SELECT count(pg_notify($5, $6)) AS n FROM (SELECT 1 FROM updated LIMIT 1) one
     ) woken CROSS JOIN (
       SELECT uid, flags, modseq, true AS changed FROM updated
       UNION ALL
       SELECT m.uid, m.flags, m.modseq, false FROM "Message" m
       WHERE m."folderId" = $1 AND m.uid = ANY($2::int[])
         AND m.uid NOT IN (SELECT uid FROM updated)
     ) s
     ORDER BY s.uid`,
  ]),
) as Record<StoreMode, string>;

type StoreRow = {
  uid: number;
  flags: string[];
  modseq: string;
  changed: boolean;
  folderModseq: string;
};

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
  const { rows } = await pgPool().query<StoreRow>(STORE_SQL[options.mode], [
    folderId,
    uids,
    flags,
    limit === null ? null : String(limit),
    FOLDER_CHANGE_CHANNEL,
    String(folderId),
  ]);
  const messages: MessageState[] = new Array(rows.length);
  const changed: number[] = [];
  const modified: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const modseq = BigInt(row.modseq);
    messages[i] = { uid: row.uid, flags: row.flags, modseq };
    if (row.changed) changed.push(row.uid);
    else if (limit !== null && modseq > limit) modified.push(row.uid);
  }
  const folderModseq = rows.length > 0 ? BigInt(rows[0].folderModseq) : null;
  return { messages, changed, modified, folderModseq };
}

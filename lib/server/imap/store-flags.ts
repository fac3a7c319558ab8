// IMAP STORE: changes flags of messages, giving every changed message a new modseq taken from the
// folder (whose row lock orders concurrent stores); CONDSTORE UNCHANGEDSINCE leaves messages
// modified after that modseq alone and reports them.
import { pgPool } from "@/lib/server/db/client";
import type { FolderChanges, MessageState } from "./folder-state";
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
  /**
   * With `knownModseq`: every change since it up to and including this call's, read in the same
   * statement, when that read is complete (nobody committed between the statement's snapshot
   * and its folder lock, and the tombstones reach back that far); otherwise null.
   */
  changesSince: FolderChanges | null;
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
 * With the caller's known modseq ($7) it also reads what else changed since then: the other
 * messages and tombstones past it, and the folder row as the statement's snapshot saw it. When
 * that row's modseq is exactly one below ours, every earlier change was committed before the
 * snapshot (each writer holds the folder row until it commits), so the read is complete.
 * $1 folder id, $2 UIDs, $3 flags, $4 UNCHANGEDSINCE or null, $5 channel, $6 payload,
 * $7 known modseq or null.
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
     ), seen AS (
       SELECT "highestModseq"::text AS modseq, "uidNext", "expungedFloorModseq"::text AS floor
       FROM "MailFolder" WHERE id = $1 AND $7::bigint IS NOT NULL
     )
     SELECT s.uid, s.flags, s.modseq::text AS modseq, s.changed, s.requested,
            folder.modseq::text AS "folderModseq", woken.n,
            seen.modseq AS "seenModseq", seen."uidNext", seen.floor AS "seenFloor",
            gone.uids AS "goneUids", gone.modseqs AS "goneModseqs"
     FROM folder CROSS JOIN (
       SELECT count(pg_notify($5, $6)) AS n FROM (SELECT 1 FROM updated LIMIT 1) one
     ) woken CROSS JOIN (
       SELECT uid, flags, modseq, true AS changed, true AS requested FROM updated
       UNION ALL
       SELECT m.uid, m.flags, m.modseq, false, true FROM "Message" m
       WHERE m."folderId" = $1 AND m.uid = ANY($2::int[])
         AND m.uid NOT IN (SELECT uid FROM updated)
       UNION ALL
       SELECT m.uid, m.flags, m.modseq, false, false FROM "Message" m
       WHERE $7::bigint IS NOT NULL AND m."folderId" = $1 AND m.modseq > $7::bigint
         AND m.uid <> ALL($2::int[])
     ) s LEFT JOIN seen ON true LEFT JOIN LATERAL (
       SELECT array_agg(uid) AS uids, string_agg(modseq::text, ',') AS modseqs
       FROM "ExpungedMessage"
       WHERE $7::bigint IS NOT NULL AND "folderId" = $1 AND modseq > $7::bigint
     ) gone ON true
     ORDER BY s.uid`,
  ]),
) as Record<StoreMode, string>;

type StoreRow = {
  uid: number;
  flags: string[];
  modseq: string;
  changed: boolean;
  requested: boolean;
  folderModseq: string;
  seenModseq: string | null;
  uidNext: number | null;
  seenFloor: string | null;
  goneUids: number[] | null;
  goneModseqs: string | null;
};

export async function storeFlags(options: {
  folderId: number;
  uids: number[];
  mode: StoreMode;
  flags: string[];
  unchangedSince?: bigint;
  /** What the caller last knew of the folder: also read every change since (changesSince). */
  knownModseq?: bigint;
}): Promise<StoreResult> {
  const { folderId, uids, flags } = options;
  if (uids.length === 0)
    return { messages: [], changed: [], modified: [], folderModseq: null, changesSince: null };
  const limit = options.unchangedSince ?? null;
  const known = options.knownModseq ?? null;
  const { rows } = await pgPool().query<StoreRow>(STORE_SQL[options.mode], [
    folderId,
    uids,
    flags,
    limit === null ? null : String(limit),
    FOLDER_CHANGE_CHANNEL,
    String(folderId),
    known === null ? null : String(known),
  ]);
  const messages: MessageState[] = [];
  const others: MessageState[] = [];
  const changed: number[] = [];
  const modified: number[] = [];
  for (const row of rows) {
    const modseq = BigInt(row.modseq);
    const message = { uid: row.uid, flags: row.flags, modseq };
    if (!row.requested) {
      others.push(message);
      continue;
    }
    messages.push(message);
    if (row.changed) changed.push(row.uid);
    else if (limit !== null && modseq > limit) modified.push(row.uid);
  }
  const folderModseq = rows.length > 0 ? BigInt(rows[0].folderModseq) : null;
  return {
    messages,
    changed,
    modified,
    folderModseq,
    changesSince: known === null ? null : changesSince(rows, known),
  };
}

/** The changes since `known` read by the store statement, or null when they may be incomplete. */
function changesSince(rows: StoreRow[], known: bigint): FolderChanges | null {
  const row = rows[0];
  if (!row || row.seenModseq === null || row.uidNext === null || row.seenFloor === null)
    return null;
  const highestModseq = BigInt(row.folderModseq);
  if (BigInt(row.seenModseq) + 1n !== highestModseq || BigInt(row.seenFloor) > known) return null;
  const changed: MessageState[] = [];
  for (let i = 0; i < rows.length; i++) {
    const modseq = BigInt(rows[i].modseq);
    if (modseq > known) changed.push({ uid: rows[i].uid, flags: rows[i].flags, modseq });
  }
  const goneUids = row.goneUids ?? [];
  const goneModseqs = goneUids.length > 0 ? row.goneModseqs!.split(",") : [];
  return {
    highestModseq,
    uidNext: row.uidNext,
    changed,
    expunged: goneUids.map((uid, i) => ({ uid, modseq: BigInt(goneModseqs[i]) })),
    presentUids: null,
  };
}

// What an IMAP session knows about its selected folder: the UID/flags/modseq snapshot at SELECT,
// then every change since a modseq (new and changed messages, expunged UIDs), read consistently.
import { db, pgPool, type PrismaClient, type Tx } from "@/lib/server/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { normaliseFolderName } from "./folder-name";
import { vanishedUidsSince, type UidRange } from "./vanished-uids";

export type MessageState = { uid: number; flags: string[]; modseq: bigint };

export type FolderSnapshot = {
  folder: { id: number; name: string };
  uidValidity: number;
  uidNext: number;
  highestModseq: bigint;
  /** First UID no session has claimed as \Recent yet. */
  recentUidFloor: number;
  messages: MessageState[];
  /** QRESYNC SELECT: UIDs expunged after the client's modseq, read in the same snapshot. */
  vanished: UidRange[];
};

export type FolderChanges = {
  /** null: the folder no longer exists. */
  highestModseq: bigint | null;
  uidNext: number;
  changed: MessageState[];
  /** Expunged after the asked modseq (with the modseq of the expunge). */
  expunged: Array<{ uid: number; modseq: bigint }>;
  /**
   * Set when the tombstones no longer reach back to the asked modseq: the folder's UIDs now, so
   * the caller finds the expunged ones by difference.
   */
  presentUids: number[] | null;
};

const CONSISTENT = { isolationLevel: "RepeatableRead" as const, maxWait: 10_000, timeout: 30_000 };

const GONE: FolderChanges = {
  highestModseq: null,
  uidNext: 0,
  changed: [],
  expunged: [],
  presentUids: null,
};

type SnapshotRow = {
  id: number;
  name: string;
  uidValidity: number;
  uidNext: number;
  highestModseq: bigint;
  expungedFloorModseq: bigint;
  recentUidFloor: number;
  uids: number[] | null;
  modseqs: string | null;
  flags: string | null;
};

/** A folder by id, or by its owner and (normalised) name: SELECT needs no separate lookup. */
export type FolderKey = { folderId: number } | { mailboxId: number; name: string };

/**
 * The folder row and every message's UID, modseq and flags in one statement (so one consistent
 * snapshot): the per-message columns come back aggregated as one array and two strings, which
 * costs a fraction of one object per row on a 10,000-message folder. Flags are IMAP atoms (never
 * a space or line break), so "\n" between messages and " " between flags split them back safely.
 */
async function readSnapshotRow(client: Tx | PrismaClient, key: FolderKey) {
  const where =
    "folderId" in key
      ? Prisma.sql`f.id = ${key.folderId}`
      : Prisma.sql`f."mailboxId" = ${key.mailboxId} AND f.name = ${normaliseFolderName(key.name)}`;
  const rows = await client.$queryRaw<SnapshotRow[]>`
    SELECT f.id, f.name, f."uidValidity", f."uidNext", f."highestModseq", f."expungedFloorModseq",
           f."recentUidFloor", m.uids, m.modseqs, m.flags
    FROM "MailFolder" f
    LEFT JOIN LATERAL (
      SELECT array_agg(uid) AS uids,
             string_agg(modseq::text, ',') AS modseqs,
             string_agg(array_to_string(flags, ' '), E'\n') AS flags
      FROM (SELECT uid, modseq, flags FROM "Message" WHERE "folderId" = f.id ORDER BY uid) s
    ) m ON true
    WHERE ${where}`;
  return rows[0] ?? null;
}

function messagesOf(row: SnapshotRow): MessageState[] {
  const uids = row.uids ?? [];
  if (uids.length === 0) return [];
  const modseqs = row.modseqs!.split(",");
  const flagLines = row.flags!.split("\n");
  // Most messages share one of a few flag sets: one array per distinct set.
  const flagSets = new Map<string, string[]>();
  const messages: MessageState[] = new Array(uids.length);
  let sorted = true;
  for (let i = 0; i < uids.length; i++) {
    const line = flagLines[i];
    let flags = flagSets.get(line);
    if (!flags) flagSets.set(line, (flags = line === "" ? [] : line.split(" ")));
    messages[i] = { uid: uids[i], flags, modseq: BigInt(modseqs[i]) };
    if (i > 0 && uids[i] < uids[i - 1]) sorted = false;
  }
  // The three aggregates read the same rows in the same order, so they always line up; the
  // sorted subquery (an index scan) gives UID order in practice, and this makes sure of it.
  return sorted ? messages : messages.sort((a, b) => a.uid - b.uid);
}

export async function folderSnapshot(
  key: FolderKey,
  options: { vanishedSince?: bigint } = {},
): Promise<FolderSnapshot | null> {
  const build = async (client: Tx | PrismaClient): Promise<FolderSnapshot | null> => {
    const row = await readSnapshotRow(client, key);
    if (!row) return null;
    const messages = messagesOf(row);
    const vanished =
      options.vanishedSince === undefined
        ? []
        : await vanishedUidsSince(client, {
            folderId: row.id,
            sinceModseq: options.vanishedSince,
            folder: row,
            presentUids: row.uids ?? [],
          });
    const { id, name, uidValidity, uidNext, highestModseq, recentUidFloor } = row;
    return {
      folder: { id, name },
      uidValidity,
      uidNext,
      highestModseq,
      recentUidFloor,
      messages,
      vanished,
    };
  };
  // A plain SELECT is one statement, consistent by itself; QRESYNC adds a tombstone read that
  // must see the same snapshot.
  if (options.vanishedSince === undefined) return build(db());
  return db().$transaction((tx) => build(tx), CONSISTENT);
}

type ChangesRow = {
  uidNext: number;
  highestModseq: string;
  changedUids: number[] | null;
  changedModseqs: string | null;
  changedFlags: string | null;
  expungedUids: number[] | null;
  expungedModseqs: string | null;
  presentUids: number[] | null;
};

/**
 * Everything a session needs to catch up from `modseq` in one statement (so one consistent
 * snapshot, without a transaction): the folder's marks, the messages changed after it (UID,
 * modseq, flags aggregated like the SELECT snapshot), the tombstones after it and, only when the
 * tombstones were pruned past it, every UID present. The per-message parts are evaluated only
 * when the folder's modseq is past the one asked about: most calls find nothing new.
 */
const CHANGES_SQL = `
  SELECT f."uidNext", f."highestModseq"::text AS "highestModseq",
         c.uids AS "changedUids", c.modseqs AS "changedModseqs", c.flags AS "changedFlags",
         e.uids AS "expungedUids", e.modseqs AS "expungedModseqs",
         CASE WHEN f."expungedFloorModseq" > $2::bigint AND f."highestModseq" > $2::bigint
              THEN ARRAY(SELECT uid FROM "Message" WHERE "folderId" = f.id ORDER BY uid)
         END AS "presentUids"
  FROM "MailFolder" f
  LEFT JOIN LATERAL (
    SELECT array_agg(uid) AS uids, string_agg(modseq::text, ',') AS modseqs,
           string_agg(array_to_string(flags, ' '), E'\n') AS flags
    FROM (SELECT uid, modseq, flags FROM "Message"
          WHERE "folderId" = f.id AND modseq > $2::bigint ORDER BY uid) s
  ) c ON true
  LEFT JOIN LATERAL (
    SELECT array_agg(uid) AS uids, string_agg(modseq::text, ',') AS modseqs
    FROM (SELECT uid, modseq FROM "ExpungedMessage"
          WHERE "folderId" = f.id AND modseq > $2::bigint ORDER BY uid) s
  ) e ON true
  WHERE f.id = $1`;

export async function folderChangesSince(folderId: number, modseq: bigint): Promise<FolderChanges> {
  const { rows } = await pgPool().query<ChangesRow>(CHANGES_SQL, [folderId, String(modseq)]);
  const row = rows[0];
  if (!row) return GONE;
  const highestModseq = BigInt(row.highestModseq);
  const uids = row.changedUids ?? [];
  const changed: MessageState[] = new Array(uids.length);
  if (uids.length > 0) {
    const modseqs = row.changedModseqs!.split(",");
    const flagLines = row.changedFlags!.split("\n");
    for (let i = 0; i < uids.length; i++) {
      const line = flagLines[i];
      changed[i] = {
        uid: uids[i],
        flags: line === "" ? [] : line.split(" "),
        modseq: BigInt(modseqs[i]),
      };
    }
  }
  const expungedUids = row.expungedUids ?? [];
  const expungedModseqs = expungedUids.length > 0 ? row.expungedModseqs!.split(",") : [];
  return {
    highestModseq,
    uidNext: row.uidNext,
    changed,
    expunged: expungedUids.map((uid, i) => ({ uid, modseq: BigInt(expungedModseqs[i]) })),
    presentUids: row.presentUids,
  };
}

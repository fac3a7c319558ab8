// What an IMAP session knows about its selected folder: the UID/flags/modseq snapshot at SELECT,
// then every change since a modseq (new and changed messages, expunged UIDs), read consistently.
import { db, type PrismaClient, type Tx } from "@/lib/server/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { normaliseFolderName } from "./folder-name";
import { tombstonesReach, vanishedUidsSince, type UidRange } from "./vanished-uids";

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

export async function folderChangesSince(folderId: number, modseq: bigint): Promise<FolderChanges> {
  // Most of the time nothing changed: one cheap read, no transaction.
  const quick = await db().mailFolder.findUnique({
    where: { id: folderId },
    select: { uidNext: true, highestModseq: true },
  });
  if (!quick) return GONE;
  const unchanged = (folder: { highestModseq: bigint; uidNext: number }): FolderChanges => ({
    highestModseq: folder.highestModseq,
    uidNext: folder.uidNext,
    changed: [],
    expunged: [],
    presentUids: null,
  });
  if (quick.highestModseq <= modseq) return unchanged(quick);
  return db().$transaction(async (tx) => {
    const folder = await tx.mailFolder.findUnique({
      where: { id: folderId },
      select: { uidNext: true, highestModseq: true, expungedFloorModseq: true },
    });
    if (!folder) return GONE;
    if (folder.highestModseq <= modseq) return unchanged(folder);
    const exact = tombstonesReach(folder, modseq);
    const [changed, expunged, present] = await Promise.all([
      tx.message.findMany({
        where: { folderId, modseq: { gt: modseq } },
        select: { uid: true, flags: true, modseq: true },
        orderBy: { uid: "asc" },
      }),
      tx.expungedMessage.findMany({
        where: { folderId, modseq: { gt: modseq } },
        select: { uid: true, modseq: true },
      }),
      exact
        ? null
        : tx.message.findMany({
            where: { folderId },
            select: { uid: true },
            orderBy: { uid: "asc" },
          }),
    ]);
    return {
      highestModseq: folder.highestModseq,
      uidNext: folder.uidNext,
      changed,
      expunged,
      presentUids: present && present.map((m) => m.uid),
    };
  }, CONSISTENT);
}

// What an IMAP session knows about its selected folder: the UID/flags/modseq snapshot at SELECT,
// then every change since a modseq (new and changed messages, expunged UIDs), read consistently.
import { db } from "@/lib/server/db/client";
import { tombstonesReach, vanishedUidsSince, type UidRange } from "./vanished-uids";

export type MessageState = { uid: number; flags: string[]; modseq: bigint };

export type FolderSnapshot = {
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
  expunged: number[];
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

export async function folderSnapshot(
  folderId: number,
  options: { vanishedSince?: bigint } = {},
): Promise<FolderSnapshot | null> {
  return db().$transaction(async (tx) => {
    const folder = await tx.mailFolder.findUnique({
      where: { id: folderId },
      select: {
        uidValidity: true,
        uidNext: true,
        highestModseq: true,
        expungedFloorModseq: true,
        recentUidFloor: true,
      },
    });
    if (!folder) return null;
    const messages = await tx.message.findMany({
      where: { folderId },
      select: { uid: true, flags: true, modseq: true },
      orderBy: { uid: "asc" },
    });
    const { expungedFloorModseq: _floor, ...marks } = folder;
    const vanished =
      options.vanishedSince === undefined
        ? []
        : await vanishedUidsSince(tx, {
            folderId,
            sinceModseq: options.vanishedSince,
            folder,
            presentUids: messages.map((m) => m.uid),
          });
    return { ...marks, messages, vanished };
  }, CONSISTENT);
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
        select: { uid: true },
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
      expunged: expunged.map((e) => e.uid),
      presentUids: present && present.map((m) => m.uid),
    };
  }, CONSISTENT);
}

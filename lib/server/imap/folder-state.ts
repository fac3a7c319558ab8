// What an IMAP session knows about its selected folder: the UID/flags/modseq snapshot at SELECT,
// then every change since a modseq (new and changed messages, expunged UIDs), read consistently.
import { db } from "@/lib/server/db/client";

export type MessageState = { uid: number; flags: string[]; modseq: bigint };

export type FolderSnapshot = {
  uidValidity: number;
  uidNext: number;
  highestModseq: bigint;
  /** First UID no session has claimed as \Recent yet. */
  recentUidFloor: number;
  messages: MessageState[];
};

export type FolderChanges = {
  /** null: the folder no longer exists. */
  highestModseq: bigint | null;
  uidNext: number;
  changed: MessageState[];
  expunged: number[];
};

const CONSISTENT = { isolationLevel: "RepeatableRead" as const, maxWait: 10_000, timeout: 30_000 };

export async function folderSnapshot(folderId: number): Promise<FolderSnapshot | null> {
  return db().$transaction(async (tx) => {
    const folder = await tx.mailFolder.findUnique({
      where: { id: folderId },
      select: { uidValidity: true, uidNext: true, highestModseq: true, recentUidFloor: true },
    });
    if (!folder) return null;
    const messages = await tx.message.findMany({
      where: { folderId },
      select: { uid: true, flags: true, modseq: true },
      orderBy: { uid: "asc" },
    });
    return { ...folder, messages };
  }, CONSISTENT);
}

export async function folderChangesSince(folderId: number, modseq: bigint): Promise<FolderChanges> {
  // Most of the time nothing changed: one cheap read, no transaction.
  const quick = await db().mailFolder.findUnique({
    where: { id: folderId },
    select: { uidNext: true, highestModseq: true },
  });
  if (!quick) return { highestModseq: null, uidNext: 0, changed: [], expunged: [] };
  if (quick.highestModseq <= modseq)
    return {
      highestModseq: quick.highestModseq,
      uidNext: quick.uidNext,
      changed: [],
      expunged: [],
    };
  return db().$transaction(async (tx) => {
    const folder = await tx.mailFolder.findUnique({
      where: { id: folderId },
      select: { uidNext: true, highestModseq: true },
    });
    if (!folder) return { highestModseq: null, uidNext: 0, changed: [], expunged: [] };
    if (folder.highestModseq <= modseq)
      return {
        highestModseq: folder.highestModseq,
        uidNext: folder.uidNext,
        changed: [],
        expunged: [],
      };
    const [changed, expunged] = await Promise.all([
      tx.message.findMany({
        where: { folderId, modseq: { gt: modseq } },
        select: { uid: true, flags: true, modseq: true },
        orderBy: { uid: "asc" },
      }),
      tx.expungedMessage.findMany({
        where: { folderId, modseq: { gt: modseq } },
        select: { uid: true },
      }),
    ]);
    return {
      highestModseq: folder.highestModseq,
      uidNext: folder.uidNext,
      changed,
      expunged: expunged.map((e) => e.uid),
    };
  }, CONSISTENT);
}

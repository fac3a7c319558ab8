// QRESYNC (RFC 7162) VANISHED answers: which UIDs of a folder were expunged after a modseq the
// client names. Exact from the tombstones while they reach back that far; otherwise (the client
// synced before MailFolder.expungedFloorModseq) every UID below UIDNEXT that no longer exists,
// which RFC 7162 §3.2.5.2 allows and which is always a correct superset.
import { db, type PrismaClient, type Tx } from "@/lib/server/db/client";

/** Inclusive, ascending, non-overlapping UID ranges. */
export type UidRange = [number, number];

export type FolderMarks = { uidNext: number; expungedFloorModseq: bigint };

/** True when the tombstones alone answer "what vanished after `sinceModseq`". */
export function tombstonesReach(folder: FolderMarks, sinceModseq: bigint): boolean {
  return sinceModseq >= folder.expungedFloorModseq;
}

export async function vanishedUidsSince(
  client: Tx | PrismaClient,
  options: {
    folderId: number;
    sinceModseq: bigint;
    folder: FolderMarks;
    /** The folder's UIDs now (ascending), when the caller has already read them. */
    presentUids?: readonly number[];
  },
): Promise<UidRange[]> {
  const { folderId, sinceModseq, folder } = options;
  if (tombstonesReach(folder, sinceModseq)) {
    const rows = await client.expungedMessage.findMany({
      where: { folderId, modseq: { gt: sinceModseq } },
      select: { uid: true },
      orderBy: { uid: "asc" },
    });
    return uidRanges(rows.map((r) => r.uid));
  }
  const present =
    options.presentUids ??
    (
      await client.message.findMany({
        where: { folderId },
        select: { uid: true },
        orderBy: { uid: "asc" },
      })
    ).map((m) => m.uid);
  return gapsBelow(present, folder.uidNext);
}

/** UID FETCH … (CHANGEDSINCE m VANISHED): what vanished after `sinceModseq`, read consistently. */
export async function vanishedUids(options: {
  folderId: number;
  sinceModseq: bigint;
}): Promise<UidRange[]> {
  return db().$transaction(
    async (tx) => {
      const folder = await tx.mailFolder.findUnique({
        where: { id: options.folderId },
        select: { uidNext: true, expungedFloorModseq: true },
      });
      return folder ? vanishedUidsSince(tx, { ...options, folder }) : [];
    },
    { isolationLevel: "RepeatableRead", maxWait: 10_000, timeout: 30_000 },
  );
}

/** Ascending UIDs (duplicates allowed) as ranges. */
export function uidRanges(uids: readonly number[]): UidRange[] {
  return mergeRanges(uids.map((uid): UidRange => [uid, uid]));
}

/** The UIDs in 1..uidNext-1 missing from `present` (ascending). */
export function gapsBelow(present: readonly number[], uidNext: number): UidRange[] {
  const out: UidRange[] = [];
  let next = 1;
  for (const uid of present) {
    if (uid > next) out.push([next, uid - 1]);
    next = Math.max(next, uid + 1);
  }
  if (next <= uidNext - 1) out.push([next, uidNext - 1]);
  return out;
}

/** Sorted and merged: what a client's sequence set ("5:3,1,2") names, as clean ranges. */
export function mergeRanges(ranges: readonly UidRange[]): UidRange[] {
  const sorted = ranges.map(([a, b]): UidRange => [Math.min(a, b), Math.max(a, b)]);
  sorted.sort((x, y) => x[0] - y[0]);
  const out: UidRange[] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/** The part of `ranges` (ascending, non-overlapping) inside the client's set `wanted`. */
export function intersectRanges(ranges: readonly UidRange[], wanted: readonly UidRange[]) {
  const within = mergeRanges(wanted);
  const out: UidRange[] = [];
  let i = 0;
  let j = 0;
  while (i < ranges.length && j < within.length) {
    const lo = Math.max(ranges[i][0], within[j][0]);
    const hi = Math.min(ranges[i][1], within[j][1]);
    if (lo <= hi) out.push([lo, hi]);
    if (ranges[i][1] < within[j][1]) i++;
    else j++;
  }
  return out;
}

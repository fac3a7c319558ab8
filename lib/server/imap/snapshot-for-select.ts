// The snapshot SELECT/EXAMINE starts from, through the process's FolderSnapshotCache: one point
// lookup of the folder row, then the cached messages when the folder's modseq still matches, the
// cached ones brought forward by modseq when an older version is cached, or a full read.
import { pgPool } from "@/lib/server/db/client";
import { normaliseFolderName } from "./folder-name";
import {
  folderChangesSince,
  folderSnapshot,
  type FolderKey,
  type FolderSnapshot,
  type MessageState,
} from "./folder-state";
import type { FolderSnapshotCache } from "./folder-snapshot-cache";

type FolderHead = Omit<FolderSnapshot, "messages" | "vanished">;

async function folderHead(key: FolderKey): Promise<FolderHead | null> {
  const byId = "folderId" in key;
  const { rows } = await pgPool().query<{
    id: number;
    name: string;
    uidValidity: number;
    uidNext: number;
    highestModseq: string;
    recentUidFloor: number;
  }>(
    `SELECT id, name, "uidValidity", "uidNext", "highestModseq"::text AS "highestModseq",
            "recentUidFloor"
     FROM "MailFolder" WHERE ${byId ? "id = $1" : `"mailboxId" = $1 AND name = $2`}`,
    byId ? [key.folderId] : [key.mailboxId, normaliseFolderName(key.name)],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    folder: { id: row.id, name: row.name },
    uidValidity: row.uidValidity,
    uidNext: row.uidNext,
    highestModseq: BigInt(row.highestModseq),
    recentUidFloor: row.recentUidFloor,
  };
}

/** The cached messages brought forward to the folder's state now; null if the folder is gone. */
async function refreshed(
  head: FolderHead,
  stale: { highestModseq: bigint; messages: MessageState[] },
): Promise<FolderSnapshot | null> {
  const changes = await folderChangesSince(head.folder.id, stale.highestModseq);
  if (changes.highestModseq === null) return null;
  const byUid = new Map(stale.messages.map((m) => [m.uid, m]));
  for (const { uid } of changes.expunged) byUid.delete(uid);
  if (changes.presentUids) {
    const present = new Set(changes.presentUids);
    for (const uid of byUid.keys()) if (!present.has(uid)) byUid.delete(uid);
  }
  for (const m of changes.changed) byUid.set(m.uid, m);
  return {
    ...head,
    uidNext: Math.max(head.uidNext, changes.uidNext),
    highestModseq: changes.highestModseq,
    messages: [...byUid.values()].sort((a, b) => a.uid - b.uid),
    vanished: [],
  };
}

export async function snapshotForSelect(
  key: FolderKey,
  cache: FolderSnapshotCache,
): Promise<FolderSnapshot | null> {
  const head = await folderHead(key);
  if (!head) return null;
  const cached = cache.get(head.folder.id, head.highestModseq);
  if (cached) return { ...head, messages: cached, vanished: [] };
  const stale = cache.latest(head.folder.id);
  const snapshot = stale ? await refreshed(head, stale) : await folderSnapshot(key);
  if (snapshot) cache.put(snapshot);
  return snapshot;
}

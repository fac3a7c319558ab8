// IMAP STATUS and QUOTA figures.
import { db } from "@/lib/server/db/client";

export type FolderStatus = {
  messages: number;
  unseen: number;
  uidNext: number;
  uidValidity: number;
  highestModseq: bigint;
  size: number;
  /** Messages no session has seen as \Recent yet. */
  recent: number;
};

export async function folderStatus(folderId: number): Promise<FolderStatus | null> {
  const folder = await db().mailFolder.findUnique({
    where: { id: folderId },
    select: { uidNext: true, uidValidity: true, highestModseq: true, recentUidFloor: true },
  });
  if (!folder) return null;
  const { recentUidFloor, ...figures } = folder;
  const [all, seen, recent] = await Promise.all([
    db().message.aggregate({ where: { folderId }, _count: true, _sum: { size: true } }),
    db().message.count({ where: { folderId, flags: { has: "\\Seen" } } }),
    db().message.count({ where: { folderId, uid: { gte: recentUidFloor } } }),
  ]);
  return {
    ...figures,
    recent,
    messages: all._count,
    unseen: all._count - seen,
    size: all._sum.size ?? 0,
  };
}

export type MailboxQuota = { usedBytes: bigint; quotaBytes: bigint; messages: number };

export async function mailboxQuota(mailboxId: number): Promise<MailboxQuota | null> {
  const mailbox = await db().mailbox.findUnique({
    where: { id: mailboxId },
    select: { usedBytes: true, quotaBytes: true },
  });
  if (!mailbox) return null;
  const messages = await db().message.count({ where: { mailboxId } });
  return { ...mailbox, messages };
}

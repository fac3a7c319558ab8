import { db } from "@/lib/server/db/client";

/**
 * The stored bytes of one message, or null when it is gone (expunged by IMAP meanwhile).
 * Returned without copying, so a large message is held in memory once.
 */
export async function readMaildropMessage(options: {
  folderId: number;
  uid: number;
}): Promise<Buffer | null> {
  const row = await db().message.findUnique({
    where: { folderId_uid: { folderId: options.folderId, uid: options.uid } },
    select: { raw: true },
  });
  if (!row) return null;
  const raw = row.raw;
  return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
}

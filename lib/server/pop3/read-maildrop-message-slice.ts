import { db } from "@/lib/server/db/client";

/** Octets fetched from the database per query while a message is sent. */
export const MESSAGE_SLICE_BYTES = 4 * 1024 * 1024;

/**
 * One slice of a stored message (1-based SQL substring underneath), or null when the message
 * is gone (expunged by IMAP meanwhile). RETR reads a large message slice by slice, so it is
 * never held whole in memory, not even once, and never as a hex text twice its size.
 */
export async function readMaildropMessageSlice(options: {
  folderId: number;
  uid: number;
  offset: number;
  length: number;
}): Promise<Buffer | null> {
  const rows = await db().$queryRaw<Array<{ part: Uint8Array }>>`
    SELECT substring(raw FROM ${options.offset + 1}::int FOR ${options.length}::int) AS part
    FROM "Message" WHERE "folderId" = ${options.folderId} AND uid = ${options.uid}`;
  const part = rows[0]?.part;
  if (!part) return null;
  return Buffer.from(part.buffer, part.byteOffset, part.byteLength);
}

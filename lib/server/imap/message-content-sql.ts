// Which part of a stored message a query brings back: nothing, only the top-level header (up to
// and including the first blank line), or the whole raw bytes. The header is usually a tenth of
// the message or less, and parsing it alone gives the same header fields as parsing the whole.
import { Prisma } from "@/lib/generated/prisma/client";
import { messageBytesExpression } from "@/lib/server/mail-store/read-message-bytes";

export type MessageContent = "none" | "header" | "raw";

/** A column expression named `content` (NULL for "none"). */
export function contentColumn(content: MessageContent): Prisma.Sql {
  return Prisma.raw(`${messageBytesExpression(content)} AS content`);
}

/** The driver's bytes as a Buffer without copying. */
export function asBuffer(bytes: Uint8Array | null): Buffer | null {
  if (!bytes) return null;
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

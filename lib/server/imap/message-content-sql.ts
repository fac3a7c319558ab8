// Which part of a stored message a query brings back: nothing, only the top-level header (up to
// and including the first blank line), or the whole raw bytes. The header is usually a tenth of
// the message or less, and parsing it alone gives the same header fields as parsing the whole.
import { Prisma } from "@/lib/generated/prisma/client";

export type MessageContent = "none" | "header" | "raw";

/** A column expression named `content` (NULL for "none"). */
export function contentColumn(content: MessageContent): Prisma.Sql {
  if (content === "raw") return Prisma.sql`raw AS content`;
  if (content === "none") return Prisma.sql`NULL::bytea AS content`;
  // Without a CRLF CRLF the whole message is header (or uses bare LF): keep it all. A bare-LF
  // header ends before any later CRLF CRLF, so the prefix always holds the parser's header end.
  return Prisma.sql`CASE WHEN position(decode('0d0a0d0a', 'hex') IN raw) > 0
    THEN substring(raw FROM 1 FOR position(decode('0d0a0d0a', 'hex') IN raw) + 3)
    ELSE raw END AS content`;
}

/** The driver's bytes as a Buffer without copying. */
export function asBuffer(bytes: Uint8Array | null): Buffer | null {
  if (!bytes) return null;
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

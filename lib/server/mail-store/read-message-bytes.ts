// Stored message bytes for the doors that send them (POP3 RETR/TOP, IMAP FETCH BODY[] / RFC822 /
// header sections): raw from PostgreSQL through binary COPY (copy-binary-rows.ts), not as hex
// text, several messages in one round trip, a large message in slices.
import { copyBinaryRows, sqlInt, sqlIntArray } from "@/lib/server/db/copy-binary-rows";

/**
 * Octets read per query while a large message is sent (1 MB: the peak memory of a 50 MB RETR
 * was lower than with 4 MB slices, at the same speed; see bench/pop3-retr.ts).
 */
export const MESSAGE_SLICE_BYTES = 1 * 1024 * 1024;

/**
 * Which bytes of each message: none, the top-level header (up to and including the first blank
 * line), the whole message, or a slice (0-based offset).
 */
export type MessageBytesPart = "none" | "header" | "raw" | { offset: number; length: number };

const CRLF_CRLF = "decode('0d0a0d0a', 'hex')";
/** Most headers end within this many bytes (the bench corpus: 444 on average). */
const HEADER_PROBE_BYTES = 4096;
const wholeHeader = `CASE WHEN position(${CRLF_CRLF} IN raw) > 0
  THEN substring(raw FROM 1 FOR position(${CRLF_CRLF} IN raw) + 3) ELSE raw END`;

/** The SQL expression (text, integers inlined) of `part` over the Message row's `raw`. */
export function messageBytesExpression(part: MessageBytesPart): string {
  if (part === "raw") return "raw";
  if (part === "none") return "NULL::bytea";
  if (part === "header")
    // Without a CRLF CRLF the whole message is header (or uses bare LF): keep it all. A bare-LF
    // header ends before any later CRLF CRLF, so the prefix always holds the parser's header end.
    // The end is looked for in the first HEADER_PROBE_BYTES bytes first: PostgreSQL then decompresses
    // and reads only that slice of a (TOAST-compressed) message, not the whole (about half the
    // database CPU of a FETCH of 50 list-view headers). OFFSET 0 keeps the slice a value of its
    // own instead of an expression evaluated at each use.
    return `(SELECT CASE WHEN at > 0 THEN substring(head FROM 1 FOR at + 3) ELSE ${wholeHeader} END
      FROM (SELECT head, position(${CRLF_CRLF} IN head) AS at
        FROM (SELECT substring(raw FROM 1 FOR ${HEADER_PROBE_BYTES}) AS head OFFSET 0) probe
        OFFSET 0) found)`;
  return `substring(raw FROM ${sqlInt(part.offset + 1)} FOR ${sqlInt(part.length)})`;
}

export type MessageBytes = { uid: number; bytes: Buffer | null };

/**
 * `part` of each listed message of a folder that still exists, in UID order (a UID that is gone
 * has no row).
 */
export async function readMessageBytes(options: {
  folderId: number;
  uids: readonly number[];
  part: MessageBytesPart;
}): Promise<MessageBytes[]> {
  if (options.uids.length === 0) return [];
  const rows = await copyBinaryRows(
    `SELECT uid, ${messageBytesExpression(options.part)} FROM "Message"
     WHERE "folderId" = ${sqlInt(options.folderId)} AND ${uidCondition(options.uids)}
     ORDER BY uid`,
    ["int4", "bytea"] as const,
  );
  return rows.map(([uid, bytes]) => ({ uid: uid!, bytes }));
}

const IMAP_STRUCTURE_COLUMNS = `"imapEnvelope", "imapBodyStructure", "imapBody"`;

export type FetchedMessageRow = MessageBytes & {
  flags: string[];
  modseq: bigint;
  internalDate: Date;
  size: number;
  imapEnvelope: string | null;
  imapBodyStructure: string | null;
  imapBody: string | null;
};

/**
 * IMAP FETCH's rows: `part` of the bytes with what FETCH answers besides, in UID order. The
 * stored ENVELOPE/BODY/BODYSTRUCTURE (a few KB) only when `structure` is asked for (else null).
 */
export async function readMessagesWithMetadata(options: {
  folderId: number;
  uids: readonly number[];
  part: MessageBytesPart;
  structure?: boolean;
}): Promise<FetchedMessageRow[]> {
  if (options.uids.length === 0) return [];
  const structure = options.structure === false ? "NULL, NULL, NULL" : IMAP_STRUCTURE_COLUMNS;
  const rows = await copyBinaryRows(
    `SELECT uid, flags, modseq, "internalDate", size, ${structure},
            ${messageBytesExpression(options.part)}
     FROM "Message"
     WHERE "folderId" = ${sqlInt(options.folderId)} AND ${uidCondition(options.uids)}
     ORDER BY uid`,
    ["int4", "text[]", "int8", "timestamp", "int4", "text", "text", "text", "bytea"] as const,
  );
  return rows.map(([uid, flags, modseq, internalDate, size, envelope, structure, body, bytes]) => ({
    uid: uid!,
    flags: flags ?? [],
    modseq: modseq!,
    internalDate: internalDate!,
    size: size!,
    imapEnvelope: envelope,
    imapBodyStructure: structure,
    imapBody: body,
    bytes,
  }));
}

function uidCondition(uids: readonly number[]): string {
  return uids.length === 1 ? `uid = ${sqlInt(uids[0])}` : `uid = ANY(${sqlIntArray(uids)})`;
}

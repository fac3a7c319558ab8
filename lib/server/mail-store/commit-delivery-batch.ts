// Group commit: several incoming messages, each for one or more INBOXes, stored by ONE SQL
// statement, so one commit (and one fsync) serves them all and the quota and folder rows are
// locked for one statement instead of one transaction per message. A single statement outside
// any transaction is atomic: either every message of the batch is stored or none is.
//
// The batch is optimistic: it charges each mailbox the sum of its messages at once. When a
// mailbox has no room for the whole sum (or has no INBOX), the statement raises BATCH_REFUSED
// and rolls back; the caller then stores the messages one by one, which decides each exactly.
import { preparedQuery } from "@/lib/server/db/prepared-query";
import type { DeliveredMessage, ImapFields } from "./deliver-message";

export type BatchedMessage = {
  /** Distinct mailbox ids; the message goes into the INBOX of each. */
  mailboxIds: number[];
  raw: Buffer;
  imap: ImapFields;
  internalDate: Date;
};

/** Raised inside the statement (a failing cast) when the optimistic batch does not fit. */
export const BATCH_REFUSED = "octeportal_batch_refused";

export function isBatchRefused(error: unknown): boolean {
  return error instanceof Error && error.message.includes(BATCH_REFUSED);
}

/** As pg returns it: bigint columns come as strings (no type parsers on the shared pool). */
type Row = {
  refused: number;
  mailboxId: number | null;
  folderId: number;
  id: string;
  uid: number;
  modseq: string;
  uidValidity: number;
};

/**
 * One text for every batch, so each pooled connection prepares it once and PostgreSQL skips
 * parse, analysis and (after its first few runs) planning, which were a third of its CPU per
 * batch. So nothing in it depends on the batch's size: copies and messages go as arrays; the
 * messages' bytes as ONE binary parameter that the statement slices (a bytea[] would travel as
 * hex text), and their search header entries as one flat text[] sliced per message (a text[]
 * cannot be an element of an array; a negative count stands for NULL).
 *
 * Mailbox rows are charged before folder rows are bumped, the order of deliverMessage. The check
 * (`verdict`) is materialized and selected, so it is evaluated even when nothing was inserted (a
 * mailbox without INBOX must not keep its charge). The MailFolder trigger notifies IMAP sessions
 * of each folder's new modseq at commit, once per folder.
 */
const BATCH_STATEMENT = `
  WITH copy (mailbox_id, idx, ordinal) AS (
    SELECT * FROM unnest($1::int[], $2::int[], $3::int[])
  ),
  msg AS (
    SELECT m.idx - 1 AS idx, m.internal_date, m.size,
      substring($4::bytea FROM m.byte_offset + 1 FOR m.size) AS raw,
      m.envelope, m.body_structure, m.body,
      CASE WHEN m.header_count >= 0
        THEN ($12::text[])[m.header_offset + 1 : m.header_offset + m.header_count] END
        AS search_headers
    FROM unnest($5::timestamp(3)[], $6::int[], $7::int[], $8::text[], $9::text[], $10::text[],
      $11::int[], $13::int[]) WITH ORDINALITY
      AS m (internal_date, size, byte_offset, envelope, body_structure, body, header_offset,
        header_count, idx)
  ),
  batch (mailbox_id, bytes, n) AS (
    SELECT c.mailbox_id, sum(m.size)::bigint, count(*)::int
    FROM copy c JOIN msg m ON m.idx = c.idx GROUP BY c.mailbox_id
  ),
  charged AS (
    UPDATE "Mailbox" m SET "usedBytes" = m."usedBytes" + b.bytes
    FROM batch b
    WHERE m.id = b.mailbox_id AND m."usedBytes" + b.bytes <= m."quotaBytes"
    RETURNING m.id
  ),
  folders AS (
    UPDATE "MailFolder" f
    SET "uidNext" = f."uidNext" + b.n, "highestModseq" = f."highestModseq" + b.n
    FROM batch b
    WHERE f."mailboxId" = b.mailbox_id AND f.name = 'INBOX'
    RETURNING f.id, f."mailboxId" AS mailbox_id, f."uidNext" - b.n AS first_uid,
      f."highestModseq" - b.n AS base_modseq, f."uidValidity" AS uid_validity
  ),
  inserted AS (
    INSERT INTO "Message" ("folderId", "mailboxId", uid, modseq, "internalDate", size, raw,
      "imapEnvelope", "imapBodyStructure", "imapBody", "searchHeaders")
    SELECT f.id, f.mailbox_id, f.first_uid + c.ordinal, f.base_modseq + 1 + c.ordinal,
      m.internal_date, m.size, m.raw, m.envelope, m.body_structure, m.body, m.search_headers
    FROM copy c JOIN msg m ON m.idx = c.idx JOIN folders f ON f.mailbox_id = c.mailbox_id
    RETURNING id, "folderId", "mailboxId", uid, modseq
  ),
  verdict AS MATERIALIZED (
    SELECT CAST(CASE
      WHEN (SELECT count(*) FROM charged) = (SELECT count(*) FROM batch)
       AND (SELECT count(*) FROM folders) = (SELECT count(*) FROM batch)
      THEN '0' ELSE '${BATCH_REFUSED}' END AS int) AS refused
  )
  SELECT v.refused, i."mailboxId", i."folderId", i.id, i.uid, i.modseq, f.uid_validity AS "uidValidity"
  FROM verdict v
  LEFT JOIN inserted i ON v.refused = 0
  LEFT JOIN folders f ON f.id = i."folderId"
  ORDER BY i."mailboxId", i.uid`;

/** The statement's parameters, in order ($1..$13). */
function batchParameters(
  messages: BatchedMessage[],
  copies: Array<{ message: number; mailboxId: number; ordinal: number }>,
): unknown[] {
  const byteOffsets: number[] = [];
  const headerOffsets: number[] = [];
  const headerCounts: number[] = [];
  const headers: string[] = [];
  let bytes = 0;
  for (const m of messages) {
    byteOffsets.push(bytes);
    bytes += m.raw.length;
    headerOffsets.push(headers.length);
    headerCounts.push(m.imap.searchHeaders?.length ?? -1);
    if (m.imap.searchHeaders) headers.push(...m.imap.searchHeaders);
  }
  return [
    copies.map((c) => c.mailboxId),
    copies.map((c) => c.message),
    copies.map((c) => c.ordinal),
    messages.length === 1
      ? messages[0].raw
      : Buffer.concat(
          messages.map((m) => m.raw),
          bytes,
        ),
    messages.map((m) => m.internalDate.toISOString()),
    messages.map((m) => m.raw.length),
    byteOffsets,
    messages.map((m) => m.imap.imapEnvelope),
    messages.map((m) => m.imap.imapBodyStructure),
    messages.map((m) => m.imap.imapBody),
    headerOffsets,
    headers,
    headerCounts,
  ];
}

/** One result per message, in order: its copy in each of its mailboxes (same order as ids). */
export async function commitDeliveryBatch(
  messages: BatchedMessage[],
): Promise<DeliveredMessage[][]> {
  // Per mailbox: the next ordinal (UID offset) for each copy, in order.
  const counts = new Map<number, number>();
  const copies: Array<{ message: number; mailboxId: number; ordinal: number }> = [];
  messages.forEach((m, message) => {
    for (const mailboxId of m.mailboxIds) {
      const ordinal = counts.get(mailboxId) ?? 0;
      copies.push({ message, mailboxId, ordinal });
      counts.set(mailboxId, ordinal + 1);
    }
  });
  // Straight through pg (same pool as Prisma): this statement runs for every batch.
  const { rows } = await preparedQuery<Row>(
    "octeportal_delivery_batch",
    BATCH_STATEMENT,
    batchParameters(messages, copies),
  );

  // Rows per mailbox come back in UID order, which is the ordinal order of the copies.
  const byMailbox = new Map<number, Row[]>();
  for (const r of rows) {
    if (r.mailboxId === null) continue;
    const list = byMailbox.get(r.mailboxId) ?? [];
    list.push(r);
    byMailbox.set(r.mailboxId, list);
  }
  const results: DeliveredMessage[][] = messages.map(() => []);
  for (const c of copies) {
    const r = byMailbox.get(c.mailboxId)?.[c.ordinal];
    if (!r) throw new Error(`Batch commit returned no row for mailbox ${c.mailboxId}`);
    results[c.message].push({
      id: BigInt(r.id),
      folderId: r.folderId,
      uid: r.uid,
      modseq: BigInt(r.modseq),
      uidValidity: r.uidValidity,
    });
  }
  return results;
}

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
  mailboxId: number | null;
  folderId: number;
  id: string;
  uid: number;
  modseq: string;
  uidValidity: number;
};

/** Per-message parameters, in the order of the statement's `msg` rows. */
const MESSAGE_COLUMNS = [
  "internal_date timestamp(3)",
  "size int",
  "raw bytea",
  "envelope text",
  "body_structure text",
  "body text",
  "search_headers text[]",
] as const;

/**
 * The statement for `n` messages. Its text depends on `n` only (copies and their mailboxes go
 * as arrays), so each pooled connection prepares it once per size and PostgreSQL skips parse,
 * analysis and planning, which were a third of its CPU per batch. Each message's columns are
 * their own parameters: the raw bytes go as binary parameters without a copy (a bytea[] would
 * travel as hex text), and a text[] per message cannot be an element of an array.
 */
function batchStatement(n: number): string {
  const first = 4; // $1..$3: the copies' mailbox ids, message indexes, ordinals
  const rows = Array.from({ length: n }, (_, i) => {
    const params = MESSAGE_COLUMNS.map(
      (column, c) => `$${first + i * MESSAGE_COLUMNS.length + c}::${column.split(" ")[1]}`,
    );
    return `(${i}, ${params.join(", ")})`;
  });
  const names = MESSAGE_COLUMNS.map((c) => c.split(" ")[0]).join(", ");
  // Mailbox rows are charged before folder rows are bumped, the order of deliverMessage. The
  // check joins `verdict` as the preserved side so it runs even when nothing was inserted. The
  // MailFolder trigger notifies IMAP sessions of each folder's new modseq (once per folder).
  return `
    WITH msg (idx, ${names}) AS (VALUES ${rows.join(", ")}),
    copy (mailbox_id, idx, ordinal) AS (
      SELECT * FROM unnest($1::int[], $2::int[], $3::int[])
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
    verdict AS (
      SELECT CAST(CASE
        WHEN (SELECT count(*) FROM charged) = (SELECT count(*) FROM batch)
         AND (SELECT count(*) FROM folders) = (SELECT count(*) FROM batch)
        THEN '0' ELSE '${BATCH_REFUSED}' END AS int) AS refused
    )
    SELECT i."mailboxId", i."folderId", i.id, i.uid, i.modseq, f.uid_validity AS "uidValidity"
    FROM verdict v
    LEFT JOIN inserted i ON v.refused = 0
    LEFT JOIN folders f ON f.id = i."folderId"
    ORDER BY i."mailboxId", i.uid`;
}

const statements = new Map<number, string>();

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
  const n = messages.length;
  let text = statements.get(n);
  if (!text) statements.set(n, (text = batchStatement(n)));
  const values: unknown[] = [
    copies.map((c) => c.mailboxId),
    copies.map((c) => c.message),
    copies.map((c) => c.ordinal),
  ];
  for (const m of messages)
    values.push(
      m.internalDate.toISOString(),
      m.raw.length,
      m.raw,
      m.imap.imapEnvelope,
      m.imap.imapBodyStructure,
      m.imap.imapBody,
      m.imap.searchHeaders,
    );
  // Straight through pg (same pool as Prisma): this statement runs for every batch.
  const { rows } = await preparedQuery<Row>(`octeportal_delivery_batch_${n}`, text, values);

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

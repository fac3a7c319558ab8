// Group commit: several incoming messages, each for one or more INBOXes, stored by ONE SQL
// statement, so one commit (and one fsync) serves them all and the quota and folder rows are
// locked for one statement instead of one transaction per message. A single statement outside
// any transaction is atomic: either every message of the batch is stored or none is.
//
// The batch is optimistic: it charges each mailbox the sum of its messages at once. When a
// mailbox has no room for the whole sum (or has no INBOX), the statement raises BATCH_REFUSED
// and rolls back; the caller then stores the messages one by one, which decides each exactly.
import { Prisma } from "@/lib/generated/prisma/client";
import { pgPool } from "@/lib/server/db/client";
import { FOLDER_CHANGE_CHANNEL } from "@/lib/server/imap/notify-folder-change";
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

/** One result per message, in order: its copy in each of its mailboxes (same order as ids). */
export async function commitDeliveryBatch(
  messages: BatchedMessage[],
): Promise<DeliveredMessage[][]> {
  // Per mailbox: bytes to charge and the next ordinal (UID offset) for each copy, in order.
  const bytes = new Map<number, number>();
  const counts = new Map<number, number>();
  const copies: Array<{ message: number; mailboxId: number; ordinal: number }> = [];
  messages.forEach((m, message) => {
    for (const mailboxId of m.mailboxIds) {
      const ordinal = counts.get(mailboxId) ?? 0;
      copies.push({ message, mailboxId, ordinal });
      counts.set(mailboxId, ordinal + 1);
      bytes.set(mailboxId, (bytes.get(mailboxId) ?? 0) + m.raw.length);
    }
  });
  const mailboxIds = [...bytes.keys()].sort((a, b) => a - b);

  const charges = Prisma.join(
    mailboxIds.map(
      (id) => Prisma.sql`(${id}::int, ${bytes.get(id)!}::bigint, ${counts.get(id)!}::int)`,
    ),
  );
  const values = Prisma.join(
    copies.map((c) => {
      const m = messages[c.message];
      return Prisma.sql`(${c.mailboxId}::int, ${c.ordinal}::int, ${m.internalDate.toISOString()}::timestamp(3),
        ${m.raw.length}::int, ${m.raw}::bytea, ${m.imap.imapEnvelope}::text,
        ${m.imap.imapBodyStructure}::text, ${m.imap.imapBody}::text)`;
    }),
  );
  // Mailbox rows are charged before folder rows are bumped, the order of deliverMessage. The
  // check joins `verdict` as the preserved side so it runs even when nothing was inserted.
  // Straight through pg (same pool as Prisma): this statement runs for every batch, and the raw
  // Buffers go to PostgreSQL as binary parameters without a copy.
  const statement = Prisma.sql`
    WITH batch (mailbox_id, bytes, n) AS (VALUES ${charges}),
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
        "imapEnvelope", "imapBodyStructure", "imapBody")
      SELECT f.id, f.mailbox_id, f.first_uid + c.ordinal, f.base_modseq + 1 + c.ordinal,
        c.internal_date, c.size, c.raw, c.envelope, c.body_structure, c.body
      FROM (VALUES ${values})
        AS c (mailbox_id, ordinal, internal_date, size, raw, envelope, body_structure, body)
      JOIN folders f ON f.mailbox_id = c.mailbox_id
      RETURNING id, "folderId", "mailboxId", uid, modseq
    ),
    verdict AS (
      SELECT CAST(CASE
        WHEN (SELECT count(*) FROM charged) = ${mailboxIds.length}
         AND (SELECT count(*) FROM folders) = ${mailboxIds.length}
        THEN '0' ELSE ${BATCH_REFUSED} END AS int) AS refused,
        (SELECT count(pg_notify(${FOLDER_CHANGE_CHANNEL}, id::text)) FROM folders) AS notified
    )
    SELECT i."mailboxId", i."folderId", i.id, i.uid, i.modseq, f.uid_validity AS "uidValidity"
    FROM verdict v
    LEFT JOIN inserted i ON v.refused = 0
    LEFT JOIN folders f ON f.id = i."folderId"
    ORDER BY i."mailboxId", i.uid`;
  const { rows } = await pgPool().query<Row>(statement.text, statement.values);

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

// Stores one message in a folder. Commit = durable: SMTP answers 250 and IMAP APPEND answers
// OK only after this resolves. UID and modseq come from the folder row, which the UPDATE locks,
// so concurrent deliveries to one folder serialise; quota is checked and charged atomically.
import { AppError } from "@/lib/server/errors/app-error";
import type { Tx } from "@/lib/server/db/client";
import { preparedQuery } from "@/lib/server/db/prepared-query";
import { imapBodyStructure, imapEnvelope, parseMessage, searchHeaders } from "@/lib/server/mime";

export type DeliverMessageOptions = {
  mailboxId: number;
  /** Folder name; defaults to INBOX. */
  folder?: string;
  raw: Buffer;
  flags?: string[];
  internalDate?: Date;
  /** Already computed by the caller (the delivery batcher parses once); else parsed here. */
  imap?: ImapFields;
};

export type DeliveredMessage = {
  id: bigint;
  folderId: number;
  uid: number;
  modseq: bigint;
  uidValidity: number;
};

/** Without `tx`: its own statement, committed when this resolves. With `tx`: part of it. */
export async function deliverMessage(
  options: DeliverMessageOptions,
  tx?: Tx,
): Promise<DeliveredMessage> {
  // Parsed before the statement runs, so no row lock is held while the CPU works.
  const imap = options.imap ?? imapFields(options.raw);
  return storeMessage(tx, options, imap);
}

export type ImapFields = {
  imapEnvelope: string | null;
  imapBodyStructure: string | null;
  imapBody: string | null;
  /** Decoded header entries for SQL SEARCH (null: searched from the bytes instead). */
  searchHeaders: string[] | null;
};

/**
 * ENVELOPE, BODYSTRUCTURE and BODY, parsed once here so FETCH never reparses the message, and
 * the decoded header entries so header SEARCH never reads it.
 */
export function imapFields(raw: Buffer): ImapFields {
  try {
    const parsed = parseMessage(raw);
    return {
      imapEnvelope: imapEnvelope(parsed),
      imapBodyStructure: imapBodyStructure(parsed, true),
      imapBody: imapBodyStructure(parsed, false),
      searchHeaders: searchHeaders(parsed),
    };
  } catch {
    // The parser is built not to throw; should it ever, the message is still stored and the
    // columns stay null, which FETCH treats as "compute now".
    return { imapEnvelope: null, imapBodyStructure: null, imapBody: null, searchHeaders: null };
  }
}

// One statement stores the message: it charges the quota, takes the next UID and modseq from the
// folder row and inserts the row, so a delivery outside a transaction is one round trip and one
// commit (a prepared statement on the pg pool); inside a caller's transaction it is one query
// there. The MailFolder trigger notifies IMAP sessions of the folder's new modseq at COMMIT.
// The quota is only charged when the folder exists; a folder that disappears between the
// statement's snapshot and its UPDATE (renamed or deleted meanwhile) fails the statement through
// the cast below (materialized and selected, so it is evaluated even when nothing was inserted),
// so nothing is charged for a message that was not stored. `fits` and
// `folderExists` (as of the snapshot) tell why nothing was stored.
const FOLDER_GONE = "octeportal_folder_gone";
const DELIVER_STATEMENT = `
  WITH target AS (
    SELECT 1 FROM "MailFolder" WHERE "mailboxId" = $1::int AND name = $2::text
  ),
  charged AS (
    UPDATE "Mailbox" SET "usedBytes" = "usedBytes" + $3::int
    WHERE id = $1::int AND "usedBytes" + $3::int <= "quotaBytes" AND EXISTS (SELECT 1 FROM target)
    RETURNING id
  ),
  folder AS (
    UPDATE "MailFolder" f SET "uidNext" = f."uidNext" + 1, "highestModseq" = f."highestModseq" + 1
    FROM charged c
    WHERE f."mailboxId" = c.id AND f.name = $2::text
    RETURNING f.id, f."uidNext" - 1 AS uid, f."highestModseq" AS modseq, f."uidValidity"
  ),
  inserted AS (
    INSERT INTO "Message" ("folderId", "mailboxId", uid, modseq, flags, "internalDate", size, raw,
      "imapEnvelope", "imapBodyStructure", "imapBody", "searchHeaders")
    SELECT f.id, $1::int, f.uid, f.modseq, $4::text[], $5::timestamp(3), $3::int, $6::bytea,
      $7::text, $8::text, $9::text, $10::text[]
    FROM folder f
    RETURNING id, "folderId"
  ),
  verdict AS MATERIALIZED (
    SELECT CAST(CASE WHEN (SELECT count(*) FROM charged) = (SELECT count(*) FROM folder)
      THEN '0' ELSE '${FOLDER_GONE}' END AS int) AS gone
  )
  SELECT v.gone, i.id::text AS id, f.id AS "folderId", f.uid, f.modseq::text AS modseq, f."uidValidity",
    (SELECT m."usedBytes" + $3::int <= m."quotaBytes" FROM "Mailbox" m WHERE m.id = $1::int) AS fits,
    EXISTS (SELECT 1 FROM target) AS "folderExists"
  FROM verdict v
  LEFT JOIN inserted i ON v.gone = 0
  LEFT JOIN folder f ON f.id = i."folderId"`;

type DeliverRow = {
  gone: number;
  id: string | null;
  folderId: number | null;
  uid: number | null;
  modseq: string | null;
  uidValidity: number | null;
  /** null: no such mailbox. */
  fits: boolean | null;
  folderExists: boolean;
};

async function storeMessage(
  tx: Tx | undefined,
  options: DeliverMessageOptions,
  imap: ImapFields,
): Promise<DeliveredMessage> {
  const folder = options.folder ?? "INBOX";
  const values = [
    options.mailboxId,
    folder,
    options.raw.length,
    options.flags ?? [],
    (options.internalDate ?? new Date()).toISOString(),
    options.raw,
    imap.imapEnvelope,
    imap.imapBodyStructure,
    imap.imapBody,
    imap.searchHeaders,
  ];
  let row: DeliverRow | undefined;
  try {
    row = tx
      ? (await tx.$queryRawUnsafe<DeliverRow[]>(DELIVER_STATEMENT, ...values))[0]
      : (await preparedQuery<DeliverRow>("octeportal_deliver_message", DELIVER_STATEMENT, values))
          .rows[0];
  } catch (error) {
    if (error instanceof Error && error.message.includes(FOLDER_GONE)) throw noFolder(folder);
    throw error;
  }
  if (row?.id == null) {
    if (row?.fits == null) throw new AppError("NOT_FOUND", "No such mailbox.");
    if (!row.folderExists) throw noFolder(folder);
    throw new AppError("QUOTA_EXCEEDED", "Mailbox is full.");
  }
  return {
    id: BigInt(row.id),
    folderId: row.folderId!,
    uid: row.uid!,
    modseq: BigInt(row.modseq!),
    uidValidity: row.uidValidity!,
  };
}

/** `field` "folder" tells IMAP APPEND to answer [TRYCREATE]. */
const noFolder = (name: string) => new AppError("NOT_FOUND", `No folder ${name}.`, "folder");

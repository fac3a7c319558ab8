// Stores one message in a folder. Commit = durable: SMTP answers 250 and IMAP APPEND answers
// OK only after this resolves. UID and modseq come from the folder row, which the UPDATE locks,
// so concurrent deliveries to one folder serialise; quota is checked and charged atomically.
import { AppError } from "@/lib/server/errors/app-error";
import { db, type Tx } from "@/lib/server/db/client";
import { notifyFolderChange } from "@/lib/server/imap/notify-folder-change";
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

export async function deliverMessage(
  options: DeliverMessageOptions,
  tx?: Tx,
): Promise<DeliveredMessage> {
  // Parsed before the transaction opens, so no row lock is held while the CPU works.
  const imap = options.imap ?? imapFields(options.raw);
  if (tx) return deliverInTransaction(tx, options, imap);
  return db().$transaction((t) => deliverInTransaction(t, options, imap), {
    maxWait: 10_000,
    timeout: 30_000,
  });
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

async function deliverInTransaction(
  tx: Tx,
  options: DeliverMessageOptions,
  imap: ImapFields,
): Promise<DeliveredMessage> {
  const size = options.raw.length;
  const charged = await tx.$executeRaw`
    UPDATE "Mailbox" SET "usedBytes" = "usedBytes" + ${size}
    WHERE id = ${options.mailboxId} AND "usedBytes" + ${size} <= "quotaBytes"`;
  if (charged !== 1) {
    const exists = await tx.mailbox.count({ where: { id: options.mailboxId } });
    if (!exists) throw new AppError("NOT_FOUND", "No such mailbox.");
    throw new AppError("QUOTA_EXCEEDED", "Mailbox is full.");
  }
  const rows = await tx.$queryRaw<
    Array<{ id: number; uid: number; modseq: bigint; uidValidity: number }>
  >`
    UPDATE "MailFolder"
    SET "uidNext" = "uidNext" + 1, "highestModseq" = "highestModseq" + 1
    WHERE "mailboxId" = ${options.mailboxId} AND name = ${options.folder ?? "INBOX"}
    RETURNING id, "uidNext" - 1 AS uid, "highestModseq" AS modseq, "uidValidity"`;
  const folder = rows[0];
  if (!folder) throw new AppError("NOT_FOUND", `No folder ${options.folder ?? "INBOX"}.`);
  const message = await tx.message.create({
    data: {
      folderId: folder.id,
      mailboxId: options.mailboxId,
      uid: folder.uid,
      modseq: folder.modseq,
      flags: options.flags ?? [],
      internalDate: options.internalDate ?? new Date(),
      size,
      raw: new Uint8Array(options.raw),
      imapEnvelope: imap.imapEnvelope,
      imapBodyStructure: imap.imapBodyStructure,
      imapBody: imap.imapBody,
      // Omitted (NULL) rather than null: Prisma lists take no null.
      searchHeaders: imap.searchHeaders ?? undefined,
    },
    select: { id: true },
  });
  await notifyFolderChange(folder.id, tx); // wakes IMAP IDLE sessions at COMMIT
  return {
    id: message.id,
    folderId: folder.id,
    uid: folder.uid,
    modseq: folder.modseq,
    uidValidity: folder.uidValidity,
  };
}

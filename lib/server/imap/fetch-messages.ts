// Message data for IMAP FETCH, in UID order, with the stored ENVELOPE/BODYSTRUCTURE/BODY when
// already computed (saveImapStructure stores them the first time they are computed).
import { db } from "@/lib/server/db/client";
import { readMessagesWithMetadata } from "@/lib/server/mail-store/read-message-bytes";
import type { MessageContent } from "./message-content-sql";

export type FetchedMessage = {
  uid: number;
  flags: string[];
  modseq: bigint;
  internalDate: Date;
  size: number;
  raw: Buffer | null;
  imapEnvelope: string | null;
  imapBodyStructure: string | null;
  imapBody: string | null;
};

/** One row set per batch, bytes raw through binary COPY (lib/server/mail-store/read-message-bytes.ts). */
export async function fetchMessages(options: {
  folderId: number;
  uids: number[];
  /** raw: the whole message; header: only its top-level header bytes (in `raw`). */
  content: MessageContent;
  /** ENVELOPE / BODY / BODYSTRUCTURE wanted: read the stored ones (else they are null). */
  structure?: boolean;
}): Promise<FetchedMessage[]> {
  const rows = await readMessagesWithMetadata({
    folderId: options.folderId,
    uids: options.uids,
    part: options.content,
    structure: options.structure,
  });
  // Spelled out: an object rest/spread per row cost more than the rest of this function.
  return rows.map((r) => ({
    uid: r.uid,
    flags: r.flags,
    modseq: r.modseq,
    internalDate: r.internalDate,
    size: r.size,
    raw: r.bytes,
    imapEnvelope: r.imapEnvelope,
    imapBodyStructure: r.imapBodyStructure,
    imapBody: r.imapBody,
  }));
}

export async function saveImapStructure(options: {
  folderId: number;
  uid: number;
  imapEnvelope: string;
  imapBodyStructure: string;
  imapBody: string;
}): Promise<void> {
  const { folderId, uid, ...data } = options;
  await db()
    .message.updateMany({ where: { folderId, uid }, data })
    .catch(() => {}); // a cache write must never fail a FETCH
}

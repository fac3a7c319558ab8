// Message data for IMAP FETCH, in UID order, with the stored ENVELOPE/BODYSTRUCTURE/BODY when
// already computed (saveImapStructure stores them the first time they are computed).
import { db } from "@/lib/server/db/client";
import { asBuffer, contentColumn, type MessageContent } from "./message-content-sql";

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

export async function fetchMessages(options: {
  folderId: number;
  uids: number[];
  /** raw: the whole message; header: only its top-level header bytes (in `raw`). */
  content: MessageContent;
}): Promise<FetchedMessage[]> {
  if (options.uids.length === 0) return [];
  const rows = await db().$queryRaw<
    Array<Omit<FetchedMessage, "raw"> & { content: Uint8Array | null }>
  >`
    SELECT uid, flags, modseq, "internalDate", size, ${contentColumn(options.content)},
           "imapEnvelope", "imapBodyStructure", "imapBody"
    FROM "Message"
    WHERE "folderId" = ${options.folderId} AND uid = ANY(${options.uids}::int[])
    ORDER BY uid`;
  return rows.map(({ content, ...r }) => ({ ...r, raw: asBuffer(content) }));
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

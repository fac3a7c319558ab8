// Message data for IMAP FETCH, in UID order, with the stored ENVELOPE/BODYSTRUCTURE/BODY when
// already computed (saveImapStructure stores them the first time they are computed).
import { db } from "@/lib/server/db/client";

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
  withRaw: boolean;
}): Promise<FetchedMessage[]> {
  if (options.uids.length === 0) return [];
  const rows = await db().message.findMany({
    where: { folderId: options.folderId, uid: { in: options.uids } },
    select: {
      uid: true,
      flags: true,
      modseq: true,
      internalDate: true,
      size: true,
      raw: options.withRaw,
      imapEnvelope: true,
      imapBodyStructure: true,
      imapBody: true,
    },
    orderBy: { uid: "asc" },
  });
  return rows.map((r) => ({ ...r, raw: r.raw ? Buffer.from(r.raw) : null }));
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

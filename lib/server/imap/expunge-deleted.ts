// IMAP EXPUNGE / CLOSE / UID EXPUNGE: removes the messages flagged \Deleted (optionally only
// among the given UIDs).
import { db } from "@/lib/server/db/client";
import { expungeMessages } from "@/lib/server/mail-store/expunge-messages";

export async function expungeDeleted(options: {
  folderId: number;
  uids?: number[];
}): Promise<number[]> {
  const deleted = await db().message.findMany({
    where: {
      folderId: options.folderId,
      flags: { has: "\\Deleted" },
      ...(options.uids ? { uid: { in: options.uids } } : {}),
    },
    select: { uid: true },
  });
  // expungeMessages publishes the folder change.
  const result = await expungeMessages({
    folderId: options.folderId,
    uids: deleted.map((d) => d.uid),
  });
  return result.uids;
}

// The POP3 view of a mailbox: its INBOX as it was when the session authenticated (RFC 1939
// numbers messages 1..n for the whole session; mail that arrives later waits for the next one).
import { AppError } from "@/lib/server/errors/app-error";
import { db } from "@/lib/server/db/client";

export type MaildropMessage = {
  uid: number;
  /** Octets of the stored message: exactly what RETR sends before dot-stuffing. */
  size: number;
  /** RFC 1939 unique-id: stable across sessions as long as the folder's UIDVALIDITY is. */
  uidl: string;
};

export type Maildrop = { folderId: number; messages: MaildropMessage[] };

/** UIDVALIDITY and UID identify a message for ever; both are printable ASCII digits. */
export function maildropUidl(uidValidity: number, uid: number): string {
  return `${uidValidity}.${uid}`;
}

export async function openMaildrop(options: { mailboxId: number }): Promise<Maildrop> {
  const folder = await db().mailFolder.findUnique({
    where: { mailboxId_name: { mailboxId: options.mailboxId, name: "INBOX" } },
    select: { id: true, uidValidity: true },
  });
  if (!folder) throw new AppError("NOT_FOUND", "This mailbox has no INBOX.");
  const rows = await db().message.findMany({
    where: { folderId: folder.id },
    select: { uid: true, size: true },
    orderBy: { uid: "asc" },
  });
  return {
    folderId: folder.id,
    messages: rows.map((r) => ({
      uid: r.uid,
      size: r.size,
      uidl: maildropUidl(folder.uidValidity, r.uid),
    })),
  };
}

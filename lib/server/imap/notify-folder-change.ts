// Tells every IMAP session (in every backend process) that a folder changed, through PostgreSQL
// NOTIFY. Inside a transaction PostgreSQL holds the notification until COMMIT (and drops it on
// rollback), so a woken session always finds the change.
import { db, type Tx } from "@/lib/server/db/client";

export const FOLDER_CHANGE_CHANNEL = "octeportal_folder_change";
/** Sent by database triggers (migration 20261127141000_imap_live_notify), never by code. */
export const MAILBOX_CHANGE_CHANNEL = "octeportal_mailbox_change";

/** In a transaction: part of it. Without one: best effort, never fails the caller. */
export async function notifyFolderChange(folderId: number, tx?: Tx): Promise<void> {
  const send = (client: Tx) =>
    client.$executeRaw`SELECT pg_notify(${FOLDER_CHANGE_CHANNEL}, ${String(folderId)})`;
  if (tx) {
    await send(tx);
    return;
  }
  // A lost wake-up is repaired at the session's next command or keep-alive.
  await send(db()).catch(() => {});
}

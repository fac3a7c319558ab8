// Tells every IMAP session (in every backend process) that a folder changed, through PostgreSQL
// NOTIFY. Called after the change committed, so a woken session always sees it.
import { db } from "@/lib/server/db/client";

export const FOLDER_CHANGE_CHANNEL = "octeportal_folder_change";

export async function notifyFolderChange(folderId: number): Promise<void> {
  try {
    await db().$executeRaw`SELECT pg_notify(${FOLDER_CHANGE_CHANNEL}, ${String(folderId)})`;
  } catch {
    // A lost wake-up is repaired at the session's next command or keep-alive; never fail the change.
  }
}

/** Passes a committed delivery through, publishing its folder's change first. */
export async function notifyFolderChangeAfter<T extends { folderId: number }>(
  committed: Promise<T>,
): Promise<T> {
  const result = await committed;
  await notifyFolderChange(result.folderId);
  return result;
}

// IMAP APPEND: stores a message through the one delivery path (quota, UIDs, modseq). A missing
// folder is AppError NOT_FOUND with field "folder" (the door answers [TRYCREATE]); the folder
// is looked up by the storing statement itself, so APPEND costs one database round trip.
import { deliverMessage, type DeliveredMessage } from "@/lib/server/mail-store/deliver-message";
import { normaliseFolderName } from "./folder-name";

export async function appendMessage(options: {
  mailboxId: number;
  folder: string;
  raw: Buffer;
  flags: string[];
  internalDate?: Date;
}): Promise<DeliveredMessage> {
  // The folder's trigger publishes the change to IMAP sessions at commit.
  return deliverMessage({ ...options, folder: normaliseFolderName(options.folder) });
}

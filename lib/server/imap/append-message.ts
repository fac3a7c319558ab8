// IMAP APPEND: stores a message through the one delivery path (quota, UIDs, modseq).
import { deliverMessage, type DeliveredMessage } from "@/lib/server/mail-store/deliver-message";
import { normaliseFolderName } from "./folder-name";

export async function appendMessage(options: {
  mailboxId: number;
  folder: string;
  raw: Buffer;
  flags: string[];
  internalDate?: Date;
}): Promise<DeliveredMessage> {
  // deliverMessage publishes the folder change itself.
  return deliverMessage({ ...options, folder: normaliseFolderName(options.folder) });
}

// Sends queued settings emails through the shared delivery queue (lib/server/delivery-queue):
// leased rows, retries with doubling back-off, "failed" for staff, who can queue them again.
import { loadEnv } from "@/lib/env";
import { db } from "@/lib/server/db/client";
import {
  runDeliveryQueue,
  type LeasedDelivery,
} from "@/lib/server/delivery-queue/run-delivery-queue";
import { sendMail, type OutgoingMail } from "@/lib/server/mail/send-mail";
import { getConnectionSettings } from "@/lib/server/settings/get-connection-settings";
import { composeSettingsEmail } from "./compose-settings-email";
import { keyDialogPicture, type KeyDialogPicture } from "./key-dialog-picture";

export function deliverPendingSettingsEmails(
  options: { limit?: number; now?: Date; send?: (mail: OutgoingMail) => Promise<void> } = {},
): Promise<{ sent: number; failed: number }> {
  const send = options.send ?? sendMail;
  return runDeliveryQueue<LeasedDelivery & { clientGuess: string | null }>({
    table: "SettingsRequest",
    columns: ['"clientGuess"'],
    limit: options.limit,
    now: options.now,
    async deliver(request) {
      const mailbox = request.mailboxId
        ? await db().mailbox.findUnique({ where: { id: request.mailboxId } })
        : null;
      if (!mailbox || mailbox.suspended) return "skipped";
      const settings = await getConnectionSettings({
        address: mailbox.address,
        protocol: mailbox.preferredProtocol,
      });
      const picture = await pictureOrNothing(settings, request.clientGuess);
      const email = composeSettingsEmail({ settings, appUrl: loadEnv().APP_URL, picture });
      await send({
        ...email,
        to: [mailbox.address, ...(mailbox.recoveryEmail ? [mailbox.recoveryEmail] : [])],
      });
      return "sent";
    },
  });
}

/** The settings matter more than the picture: a drawing that fails is left out, not retried. */
async function pictureOrNothing(
  settings: Parameters<typeof keyDialogPicture>[0]["settings"],
  clientGuess: string | null,
): Promise<KeyDialogPicture | null> {
  try {
    return await keyDialogPicture({ settings, clientGuess });
  } catch (error) {
    console.error("[settings email] picture left out:", (error as Error).message);
    return null;
  }
}

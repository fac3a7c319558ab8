// Sends queued settings emails. Rows are leased with FOR UPDATE SKIP LOCKED, so several portal
// instances can run this at once without sending anything twice; failures are retried with a
// doubling back-off and end as "failed", visible to staff, who can queue them again.
import { loadEnv } from "@/lib/env";
import { db } from "@/lib/server/db/client";
import { sendMail, type OutgoingMail } from "@/lib/server/mail/send-mail";
import { getConnectionSettings } from "@/lib/server/settings/get-connection-settings";
import { composeSettingsEmail } from "./compose-settings-email";
import { keyDialogPicture, type KeyDialogPicture } from "./key-dialog-picture";
import { FIRST_RETRY_DELAY_MS, MAX_DELIVERY_ATTEMPTS } from "./limits";

const LEASE = "5 minutes";

export async function deliverPendingSettingsEmails(
  options: { limit?: number; send?: (mail: OutgoingMail) => Promise<void> } = {},
): Promise<{ sent: number; failed: number }> {
  const send = options.send ?? sendMail;
  const claimed = await db().$queryRawUnsafe<
    Array<{ id: number; mailboxId: number | null; attempts: number; clientGuess: string | null }>
  >(
    `UPDATE "SettingsRequest" SET "nextAttemptAt" = now() + interval '${LEASE}'
     WHERE id IN (SELECT id FROM "SettingsRequest"
                  WHERE "deliveryState" = 'pending' AND "nextAttemptAt" <= now()
                  ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
     RETURNING id, "mailboxId", attempts, "clientGuess"`,
    options.limit ?? 10,
  );
  let sent = 0;
  let failed = 0;
  for (const request of claimed) {
    const attempts = request.attempts + 1;
    try {
      const mailbox = request.mailboxId
        ? await db().mailbox.findUnique({ where: { id: request.mailboxId } })
        : null;
      if (!mailbox || mailbox.suspended) {
        await db().settingsRequest.update({
          where: { id: request.id },
          data: { deliveryState: "skipped", attempts },
        });
        continue;
      }
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
      await db().settingsRequest.update({
        where: { id: request.id },
        data: {
          deliveryState: "sent",
          deliveredAt: new Date(),
          attempts,
          lastError: null,
          nextAttemptAt: null,
        },
      });
      sent++;
    } catch (error) {
      failed++;
      const final = attempts >= MAX_DELIVERY_ATTEMPTS;
      await db().settingsRequest.update({
        where: { id: request.id },
        data: {
          attempts,
          lastError: String((error as Error).message ?? error).slice(0, 500),
          deliveryState: final ? "failed" : "pending",
          nextAttemptAt: final
            ? null
            : new Date(Date.now() + FIRST_RETRY_DELAY_MS * 2 ** (attempts - 1)),
        },
      });
    }
  }
  return { sent, failed };
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

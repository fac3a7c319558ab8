// The forgot-settings queue as support sees it, a retry for failed deliveries, and a
// staff-initiated resend of the settings email to the mailbox itself.
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { db } from "@/lib/server/db/client";
import { loadEnv } from "@/lib/env";
import { AppError } from "@/lib/server/errors/app-error";
import { sendMail } from "@/lib/server/mail/send-mail";
import { requeueFailedDelivery } from "@/lib/server/delivery-queue/requeue-failed-delivery";
import { composeSettingsEmail } from "@/lib/server/settings-request/compose-settings-email";
import { getConnectionSettings } from "@/lib/server/settings/get-connection-settings";
import { deliveryQueuePage } from "./delivery-queue-page";
import { mailFailureText } from "./mail-failure-text";
import { assertRole, staffActor, type StaffContext } from "./staff-context";

export async function listSettingsRequests(
  staff: StaffContext,
  options: { deliveryState?: string; page?: number } = {},
) {
  assertRole(staff, "support");
  const { page, where, skip, take, pageCount } = deliveryQueuePage(options);
  const [total, rows] = await Promise.all([
    db().settingsRequest.count({ where }),
    db().settingsRequest.findMany({ where, orderBy: { id: "desc" }, skip, take }),
  ]);
  return { total, page, pageCount: pageCount(total), rows };
}

/** Puts a failed delivery back in the queue for the delivery worker. */
export async function retrySettingsRequest(staff: StaffContext, requestId: number) {
  assertRole(staff, "support");
  return db().$transaction(async (tx) => {
    const request = await requeueFailedDelivery({ table: "SettingsRequest", id: requestId, tx });
    await recordAuditEvent(
      {
        actor: staffActor(staff),
        action: "settings_request.retry",
        target: { type: "settings_request", id: requestId },
        details: { address: request.address },
      },
      tx,
    );
  });
}

/** Sends the mailbox its settings now and records it in the queue as sent or failed. */
export async function resendSettingsEmail(
  staff: StaffContext,
  mailboxId: number,
  deps: { send?: typeof sendMail } = {},
) {
  assertRole(staff, "support");
  const mailbox = await db().mailbox.findUnique({ where: { id: mailboxId } });
  if (!mailbox) throw new AppError("NOT_FOUND", "No such mailbox.");
  const settings = await getConnectionSettings({
    address: mailbox.address,
    protocol: mailbox.preferredProtocol,
  });
  let failure: string | null = null;
  try {
    const email = composeSettingsEmail({ settings, appUrl: loadEnv().APP_URL });
    await (deps.send ?? sendMail)({ to: mailbox.address, ...email });
  } catch (error) {
    failure = mailFailureText(error);
  }
  const request = await db().settingsRequest.create({
    data: {
      address: mailbox.address,
      mailboxId: mailbox.id,
      ip: staff.ip,
      // Sent here and now, never "pending": the delivery worker must not send it again.
      outcome: "staff_resend",
      deliveryState: failure ? "failed" : "sent",
      attempts: 1,
      lastError: failure,
      deliveredAt: failure ? null : new Date(),
    },
  });
  await recordAuditEvent({
    actor: staffActor(staff),
    action: "mailbox.settings_email_resent",
    target: { type: "mailbox", id: mailbox.id },
    details: { address: mailbox.address, delivered: !failure, settingsRequestId: request.id },
  });
  if (failure) throw new AppError("UNAVAILABLE", failure);
}

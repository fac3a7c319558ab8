// The forgot-settings queue as support sees it, a retry for failed deliveries, and a
// staff-initiated resend of the settings email to the mailbox itself.
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { db } from "@/lib/server/db/client";
import { loadEnv } from "@/lib/env";
import { AppError } from "@/lib/server/errors/app-error";
import { sendMail } from "@/lib/server/mail/send-mail";
import { composeSettingsEmail } from "@/lib/server/settings-request/compose-settings-email";
import { getConnectionSettings } from "@/lib/server/settings/get-connection-settings";
import { mailFailureText } from "./mail-failure-text";
import { assertRole, staffActor, type StaffContext } from "./staff-context";

export const QUEUE_PAGE_SIZE = 50;
export const DELIVERY_STATES = ["pending", "sent", "failed", "skipped"] as const;

export async function listSettingsRequests(
  staff: StaffContext,
  options: { deliveryState?: string; page?: number } = {},
) {
  assertRole(staff, "support");
  const state = DELIVERY_STATES.find((s) => s === options.deliveryState);
  const where = state ? { deliveryState: state } : {};
  const page = Math.max(1, Math.floor(options.page ?? 1) || 1);
  const [total, rows] = await Promise.all([
    db().settingsRequest.count({ where }),
    db().settingsRequest.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (page - 1) * QUEUE_PAGE_SIZE,
      take: QUEUE_PAGE_SIZE,
    }),
  ]);
  return { total, page, pageCount: Math.ceil(total / QUEUE_PAGE_SIZE), rows };
}

/** Puts a failed delivery back in the queue for the delivery worker. */
export async function retrySettingsRequest(staff: StaffContext, requestId: number) {
  assertRole(staff, "support");
  return db().$transaction(async (tx) => {
    const request = await tx.settingsRequest.findUnique({ where: { id: requestId } });
    if (!request) throw new AppError("NOT_FOUND", "No such request.");
    if (request.deliveryState !== "failed")
      throw new AppError("INVALID_INPUT", "Only a failed delivery can be retried.");
    await tx.settingsRequest.update({
      where: { id: requestId },
      data: { deliveryState: "pending", nextAttemptAt: new Date() },
    });
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

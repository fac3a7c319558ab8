// Support sends the customer a reset link to their recovery address. The link goes only to
// that address; staff never see the token. A failed delivery is reported to the staff member.
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { sendMail } from "@/lib/server/mail/send-mail";
import { createPasswordResetToken } from "@/lib/server/password-reset/create-password-reset-token";
import { passwordResetLink } from "@/lib/server/password-reset/request-password-reset";
import { mailFailureText } from "./mail-failure-text";
import { assertRole, staffActor, type StaffContext } from "./staff-context";

export async function sendPasswordResetLink(
  staff: StaffContext,
  mailboxId: number,
  deps: { send?: typeof sendMail } = {},
): Promise<{ sentTo: string }> {
  assertRole(staff, "support");
  const mailbox = await db().mailbox.findUnique({ where: { id: mailboxId } });
  if (!mailbox) throw new AppError("NOT_FOUND", "No such mailbox.");
  if (!mailbox.recoveryEmail)
    throw new AppError(
      "INVALID_INPUT",
      "This mailbox has no recovery address. Issue a temporary password instead.",
    );
  const { token, expiresAt } = await createPasswordResetToken({ mailboxId, requestIp: staff.ip });
  let failure: string | null = null;
  try {
    await (deps.send ?? sendMail)({
      to: mailbox.recoveryEmail,
      subject: "Reset your mailbox password",
      text: [
        `Someone from Octeportal support started a password reset for ${mailbox.address}.`,
        "",
        "Open this link within 30 minutes to choose a new password:",
        passwordResetLink(token),
        "",
        "If you did not ask for this, ignore this email: your password stays the same.",
      ].join("\r\n"),
    });
  } catch (error) {
    failure = mailFailureText(error);
  }
  await recordAuditEvent({
    actor: staffActor(staff),
    action: "mailbox.reset_link_sent",
    target: { type: "mailbox", id: mailbox.id },
    details: {
      address: mailbox.address,
      delivered: failure === null,
      expiresAt: expiresAt.toISOString(),
      ...(failure ? { error: failure } : {}),
    },
  });
  if (failure) throw new AppError("UNAVAILABLE", failure);
  return { sentTo: mailbox.recoveryEmail };
}

// Writes the reset-link email for a queued request: issues a fresh token (voiding the older
// links of the mailbox) at send time, so the queue row never holds a token.
import { db } from "@/lib/server/db/client";
import { createPasswordResetToken } from "./create-password-reset-token";
import { passwordResetLink } from "./request-password-reset";

export type PasswordResetEmail = { to: string; subject: string; text: string };

/** Issues a token and writes the email; null when the mailbox no longer qualifies. */
export async function issuePasswordResetEmail(job: {
  mailboxId: number | null;
  ip: string | null;
}): Promise<PasswordResetEmail | null> {
  const mailbox = job.mailboxId
    ? await db().mailbox.findUnique({
        where: { id: job.mailboxId },
        include: { domain: { select: { active: true } } },
      })
    : null;
  if (!mailbox || mailbox.suspended || !mailbox.domain.active || !mailbox.recoveryEmail)
    return null;
  const { token } = await createPasswordResetToken({ mailboxId: mailbox.id, requestIp: job.ip });
  return {
    to: mailbox.recoveryEmail,
    subject: "Reset your mailbox password",
    text: [
      `Someone asked to reset the password of ${mailbox.address}.`,
      "",
      "Open this link within 30 minutes to choose a new password (it works once):",
      passwordResetLink(token),
      "",
      "If you did not ask for this, ignore this email: your password stays the same.",
    ].join("\n"),
  };
}

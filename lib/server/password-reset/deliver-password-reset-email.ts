// The deferred half of "forgot password": issue the token (voiding older links) and send the
// link to the recovery address. Runs after the visitor's answer, so its cost is invisible.
import { db } from "@/lib/server/db/client";
import { sendMail, type OutgoingMail } from "@/lib/server/mail/send-mail";
import { createPasswordResetToken } from "./create-password-reset-token";
import { passwordResetLink, type PasswordResetJob } from "./request-password-reset";

export type PasswordResetEmail = { to: string; subject: string; text: string };

/** Issues a token and writes the email; null when the mailbox no longer qualifies. */
export async function issuePasswordResetEmail(
  job: NonNullable<PasswordResetJob>,
): Promise<PasswordResetEmail | null> {
  const mailbox = await db().mailbox.findUnique({ where: { id: job.mailboxId } });
  if (!mailbox || mailbox.suspended || !mailbox.recoveryEmail) return null;
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

/** For doors, after the answer: a failure is logged, never shown to the visitor. */
export async function deliverPasswordResetEmail(
  job: PasswordResetJob,
  deps: { send?: (mail: OutgoingMail) => Promise<void> } = {},
): Promise<void> {
  if (!job) return;
  try {
    const email = await issuePasswordResetEmail(job);
    if (email) await (deps.send ?? sendMail)(email);
  } catch (error) {
    console.error(`[reset] link for mailbox ${job.mailboxId} not sent:`, (error as Error).message);
  }
}

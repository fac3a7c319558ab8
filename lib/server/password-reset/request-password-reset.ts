// Public "forgot password": a reset link goes to the mailbox's recovery address when there is
// one. The visitor always gets the same answer; the link is sent after the answer (see doors).
import { loadEnv } from "@/lib/env";
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { mailboxAddressSchema } from "@/lib/server/mailbox/address";
import { consumeRateLimit } from "@/lib/server/rate-limit/consume-rate-limit";
import { createPasswordResetToken } from "./create-password-reset-token";

const HOUR = 60 * 60 * 1000;

export type PendingResetEmail = { to: string; subject: string; text: string } | null;

export function passwordResetLink(token: string): string {
  return `${loadEnv().APP_URL}/password/reset?token=${encodeURIComponent(token)}`;
}

/** Returns the email to send (or null when nothing should be sent); never tells the caller why. */
export async function requestPasswordReset(options: {
  address: string;
  ip: string | null;
}): Promise<PendingResetEmail> {
  const parsed = mailboxAddressSchema.safeParse(options.address);
  if (!parsed.success)
    throw new AppError("INVALID_INPUT", parsed.error.issues[0].message, "address");
  const address = parsed.data;
  const [perAddress, perIp, mailbox] = await Promise.all([
    consumeRateLimit({ bucket: "reset:address", key: address, limit: 3, windowMs: HOUR }),
    consumeRateLimit({
      bucket: "reset:ip",
      key: options.ip ?? "unknown",
      limit: 10,
      windowMs: HOUR,
    }),
    db().mailbox.findUnique({
      where: { address },
      include: { domain: { select: { active: true } } },
    }),
  ]);
  if (
    !perAddress ||
    !perIp ||
    !mailbox ||
    mailbox.suspended ||
    !mailbox.domain.active ||
    !mailbox.recoveryEmail
  )
    return null;
  const { token } = await createPasswordResetToken({
    mailboxId: mailbox.id,
    requestIp: options.ip,
  });
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

// Sets a new password from a reset link: the token must be unused, unexpired, the newest one
// for its mailbox; the effects are those of any password change (sessions end, old password
// dead on every door) because setMailboxPassword is the one way a password changes.
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { setMailboxPassword } from "@/lib/server/mailbox/set-mailbox-password";
import { assertPasswordAllowed } from "@/lib/server/password/check-password-policy";
import { hashResetToken } from "./create-password-reset-token";

const INVALID = "This link has expired or was already used. Ask for a new one.";

/** The mailbox a still-valid token belongs to, or null. */
export async function findResetTokenMailbox(token: string) {
  if (!token || token.length > 200) return null;
  const row = await db().passwordResetToken.findUnique({
    where: { tokenHash: hashResetToken(token) },
    include: { mailbox: { select: { id: true, address: true, suspended: true } } },
  });
  if (
    !row ||
    row.purpose !== "password_reset" ||
    row.usedAt ||
    row.expiresAt <= new Date() ||
    row.mailbox.suspended
  )
    return null;
  return row.mailbox;
}

export async function resetPasswordWithToken(options: {
  token: string;
  password: string;
  ip: string | null;
}) {
  const mailbox = await findResetTokenMailbox(options.token);
  if (!mailbox) throw new AppError("INVALID_INPUT", INVALID, "token");
  // Check the new password before using up the link, so a refused password does not burn it.
  assertPasswordAllowed(options.password, mailbox.address);
  // Claim the token first: of two concurrent uses only one gets the row.
  const claimed = await db().passwordResetToken.updateMany({
    where: { tokenHash: hashResetToken(options.token), usedAt: null },
    data: { usedAt: new Date() },
  });
  if (claimed.count !== 1) throw new AppError("INVALID_INPUT", INVALID, "token");
  await setMailboxPassword({
    mailboxId: mailbox.id,
    address: mailbox.address,
    password: options.password,
    actor: { type: "customer", id: mailbox.id, label: mailbox.address, ip: options.ip },
    action: "mailbox.password_reset",
  });
  return mailbox;
}

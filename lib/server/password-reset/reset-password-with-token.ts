// Sets a new password from a reset link: the token must be unused, unexpired, the newest one
// for its mailbox; the effects are those of any password change (sessions end, old password
// dead on every door) because setMailboxPassword is the one way a password changes.
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { setMailboxPassword } from "@/lib/server/mailbox/set-mailbox-password";
import { assertPasswordAllowed } from "@/lib/server/password/check-password-policy";
import { claimMailboxToken, findUsableMailboxToken } from "@/lib/server/tokens/claim-mailbox-token";

const INVALID = "This link has expired or was already used. Ask for a new one.";

/** The mailbox a still-valid token belongs to, or null. */
export async function findResetTokenMailbox(token: string) {
  const found = await findUsableMailboxToken({ token, purpose: "password_reset" });
  if (!found) return null;
  const mailbox = await db().mailbox.findUnique({
    where: { id: found.mailboxId },
    select: { id: true, address: true, suspended: true },
  });
  return mailbox && !mailbox.suspended ? mailbox : null;
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
  // Of two concurrent uses only one claims the token; the other is refused here.
  const claimed = await claimMailboxToken({ token: options.token, purpose: "password_reset" });
  if (claimed?.mailboxId !== mailbox.id) throw new AppError("INVALID_INPUT", INVALID, "token");
  await setMailboxPassword({
    mailboxId: mailbox.id,
    address: mailbox.address,
    password: options.password,
    actor: { type: "customer", id: mailbox.id, label: mailbox.address, ip: options.ip },
    action: "mailbox.password_reset",
  });
  return mailbox;
}

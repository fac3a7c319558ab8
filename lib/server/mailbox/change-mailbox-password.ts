// A customer changing their own password. The current password is checked through the shared
// login decision, so guessing it here is throttled, delayed and recorded like any sign-in.
import { authenticateMailbox } from "@/lib/server/auth/authenticate-mailbox";
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { passwordProblem } from "@/lib/server/password/check-password-policy";
import { setMailboxPassword } from "./set-mailbox-password";

export type ChangeMailboxPasswordOptions = {
  mailboxId: number;
  currentPassword: string;
  newPassword: string;
  ip: string | null;
};

/**
 * Returns the mailbox's new session version: every session holding an older one (every
 * other browser) is dead from now on; the caller re-issues its own session with this one.
 * Rule violations are AppErrors whose `field` is "currentPassword" or "newPassword".
 */
export async function changeMailboxPassword(
  options: ChangeMailboxPasswordOptions,
): Promise<{ sessionVersion: number }> {
  const mailbox = await db().mailbox.findUnique({
    where: { id: options.mailboxId },
    select: { id: true, address: true },
  });
  if (!mailbox) throw new AppError("NOT_FOUND", "This mailbox no longer exists.");

  // The new password's rules first: no point spending a login attempt on a refused change.
  const problem = passwordProblem(options.newPassword, mailbox.address);
  if (problem) throw new AppError("WEAK_PASSWORD", problem, "newPassword");

  const check = await authenticateMailbox({
    door: "WEB",
    address: mailbox.address,
    password: options.currentPassword,
    ip: options.ip,
    secure: true,
    allowTemporaryPassword: true,
  });
  if (!check.ok) {
    if (check.temporary)
      throw new AppError(
        "UNAVAILABLE",
        "We could not check your password just now. Try again in a minute.",
      );
    if (check.reason === "throttled")
      throw new AppError(
        "RATE_LIMITED",
        "Too many wrong passwords. Wait 15 minutes, then try again.",
        "currentPassword",
      );
    throw new AppError("INVALID_INPUT", "Your current password is not correct.", "currentPassword");
  }
  if (check.mailbox.id !== mailbox.id) throw new AppError("FORBIDDEN", "Not your mailbox.");

  const updated = await setMailboxPassword({
    mailboxId: mailbox.id,
    address: mailbox.address,
    password: options.newPassword,
    actor: { type: "customer", id: mailbox.id, label: mailbox.address, ip: options.ip },
    action: "mailbox.password_change",
  });
  return { sessionVersion: updated.sessionVersion };
}

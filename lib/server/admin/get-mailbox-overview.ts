// Everything support needs to answer "why does my client fail": status, access, quota, and
// the recent logins on every door with the reason in plain words.
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { loginReasonText } from "./login-reason-text";
import { maskEmail } from "./mask-email";
import { assertRole, hasRole, type StaffContext } from "./staff-context";

export const RECENT_LOGINS = 30;

export async function getMailboxOverview(staff: StaffContext, mailboxId: number) {
  assertRole(staff, "support");
  const mailbox = await db().mailbox.findUnique({
    where: { id: mailboxId },
    include: { domain: { select: { name: true, active: true } } },
  });
  if (!mailbox) throw new AppError("NOT_FOUND", "No such mailbox.");
  const attempts = await db().loginAttempt.findMany({
    where: { OR: [{ mailboxId }, { address: mailbox.address }] },
    orderBy: { at: "desc" },
    take: RECENT_LOGINS,
  });
  const tempPasswordActive = Boolean(
    mailbox.tempPasswordHash &&
    mailbox.tempPasswordExpiresAt &&
    mailbox.tempPasswordExpiresAt > new Date(),
  );
  return {
    id: mailbox.id,
    address: mailbox.address,
    domain: mailbox.domain,
    suspended: mailbox.suspended,
    suspendedAt: mailbox.suspendedAt,
    preferredProtocol: mailbox.preferredProtocol,
    access: { IMAP: mailbox.imapEnabled, POP3: mailbox.pop3Enabled, SMTP: mailbox.smtpEnabled },
    quotaBytes: Number(mailbox.quotaBytes),
    usedBytes: Number(mailbox.usedBytes),
    recoveryEmail: hasRole(staff, "admin")
      ? mailbox.recoveryEmail
      : maskEmail(mailbox.recoveryEmail),
    hasRecoveryEmail: Boolean(mailbox.recoveryEmail),
    createdAt: mailbox.createdAt,
    passwordChangedAt: mailbox.passwordChangedAt,
    tempPasswordActive,
    tempPasswordExpiresAt: tempPasswordActive ? mailbox.tempPasswordExpiresAt : null,
    recentLogins: attempts.map((a) => ({
      id: a.id.toString(),
      at: a.at,
      door: a.door,
      ip: a.ip,
      success: a.success,
      reason: a.reason,
      text: loginReasonText(a.success, a.reason),
    })),
  };
}

export type MailboxOverview = Awaited<ReturnType<typeof getMailboxOverview>>;

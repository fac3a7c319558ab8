import { db } from "@/lib/server/db/client";
import { assertPasswordAllowed } from "@/lib/server/password/check-password-policy";
import { hashPassword } from "@/lib/server/password/hashing";
import { recordAuditEvent, type AuditActor } from "@/lib/server/audit/record-audit-event";

export type SetMailboxPasswordOptions = {
  mailboxId: number;
  address: string;
  password: string;
  actor: AuditActor;
  /** Audit action name, e.g. "mailbox.passwd" (operator) or "mailbox.password_change" (customer). */
  action?: string;
};

/**
 * The one way a mailbox password changes. Every door reads the same hash, so the old
 * password is dead everywhere at commit; the session version bump ends web sessions.
 */
export async function setMailboxPassword(options: SetMailboxPasswordOptions) {
  assertPasswordAllowed(options.password, options.address);
  const passwordHash = await hashPassword(options.password);
  return db().$transaction(async (tx) => {
    const mailbox = await tx.mailbox.update({
      where: { id: options.mailboxId },
      data: {
        passwordHash,
        passwordChangedAt: new Date(),
        sessionVersion: { increment: 1 },
        tempPasswordHash: null,
        tempPasswordExpiresAt: null,
      },
    });
    await tx.passwordResetToken.updateMany({
      where: { mailboxId: options.mailboxId, purpose: "password_reset", usedAt: null },
      data: { usedAt: new Date() },
    });
    await recordAuditEvent(
      {
        actor: options.actor,
        action: options.action ?? "mailbox.passwd",
        target: { type: "mailbox", id: options.mailboxId },
        details: { address: options.address },
      },
      tx,
    );
    return mailbox;
  });
}

import { db } from "@/lib/server/db/client";
import { recordAuditEvent, type AuditActor } from "@/lib/server/audit/record-audit-event";

/** Suspension is read by the login decision on every door, so it takes effect at commit. */
export async function setMailboxSuspended(options: {
  mailboxId: number;
  suspended: boolean;
  actor: AuditActor;
}) {
  return db().$transaction(async (tx) => {
    const mailbox = await tx.mailbox.update({
      where: { id: options.mailboxId },
      data: {
        suspended: options.suspended,
        suspendedAt: options.suspended ? new Date() : null,
        // A suspended customer's open web sessions end too.
        sessionVersion: options.suspended ? { increment: 1 } : undefined,
      },
    });
    await recordAuditEvent(
      {
        actor: options.actor,
        action: options.suspended ? "mailbox.suspend" : "mailbox.resume",
        target: { type: "mailbox", id: mailbox.id },
        details: { address: mailbox.address },
      },
      tx,
    );
    return mailbox;
  });
}

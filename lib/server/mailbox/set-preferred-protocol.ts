// POP3 or IMAP: the customer's choice, read by the settings page, walkthroughs and autoconfig.
import { recordAuditEvent, type AuditActor } from "@/lib/server/audit/record-audit-event";
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import type { MailProtocol } from "@/lib/generated/prisma/enums";

export const MAIL_PROTOCOLS = ["IMAP", "POP3"] as const satisfies readonly MailProtocol[];

export async function setPreferredProtocol(options: {
  mailboxId: number;
  protocol: MailProtocol;
  actor: AuditActor;
}): Promise<{ preferredProtocol: MailProtocol }> {
  if (!MAIL_PROTOCOLS.includes(options.protocol))
    throw new AppError("INVALID_INPUT", "Choose POP3 or IMAP.", "protocol");
  return db().$transaction(async (tx) => {
    const before = await tx.mailbox.findUnique({
      where: { id: options.mailboxId },
      select: { preferredProtocol: true },
    });
    if (!before) throw new AppError("NOT_FOUND", "This mailbox no longer exists.");
    if (before.preferredProtocol === options.protocol) return before;
    const mailbox = await tx.mailbox.update({
      where: { id: options.mailboxId },
      data: { preferredProtocol: options.protocol },
      select: { preferredProtocol: true },
    });
    await recordAuditEvent(
      {
        actor: options.actor,
        action: "mailbox.preferred_protocol",
        target: { type: "mailbox", id: options.mailboxId },
        details: { from: before.preferredProtocol, to: options.protocol },
      },
      tx,
    );
    return mailbox;
  });
}

// Live enforcement for open IMAP sessions: a suspension, password change (both bump
// sessionVersion) or IMAP being switched off ends the session.
import { db } from "@/lib/server/db/client";

export async function sessionStillValid(options: {
  mailboxId: number;
  sessionVersion: number;
}): Promise<boolean> {
  const mailbox = await db().mailbox.findUnique({
    where: { id: options.mailboxId },
    select: {
      suspended: true,
      imapEnabled: true,
      sessionVersion: true,
      domain: { select: { active: true } },
    },
  });
  return (
    !!mailbox &&
    !mailbox.suspended &&
    mailbox.imapEnabled &&
    mailbox.domain.active &&
    mailbox.sessionVersion === options.sessionVersion
  );
}

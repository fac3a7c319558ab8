import { db } from "@/lib/server/db/client";

export type Pop3SessionCheck = "valid" | "revoked";

/**
 * Whether an authenticated POP3 session may go on: one primary-key read, cheap enough for
 * every command. A password change or suspension bumps sessionVersion; POP3 access turned
 * off, a disabled domain or a deleted mailbox also end the session at its next command.
 */
export async function checkPop3Session(options: {
  mailboxId: number;
  sessionVersion: number;
}): Promise<Pop3SessionCheck> {
  const mailbox = await db().mailbox.findUnique({
    where: { id: options.mailboxId },
    select: {
      sessionVersion: true,
      suspended: true,
      pop3Enabled: true,
      domain: { select: { active: true } },
    },
  });
  const valid =
    mailbox !== null &&
    mailbox.sessionVersion === options.sessionVersion &&
    !mailbox.suspended &&
    mailbox.pop3Enabled &&
    mailbox.domain.active;
  return valid ? "valid" : "revoked";
}

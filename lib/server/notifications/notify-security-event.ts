// "This wasn't me" notices: after a password change or reset, a recovery-address change or a
// protocol-access change, the mailbox (and its recovery address) hear what changed, when,
// from where, and what to do. Never a secret in them.
import { loadEnv } from "@/lib/env";
import { db } from "@/lib/server/db/client";
import { sendMail, type OutgoingMail } from "@/lib/server/mail/send-mail";

export type SecurityEvent =
  | { kind: "password_changed" }
  | { kind: "password_reset" }
  | { kind: "recovery_email_changed"; newAddress: string | null }
  | { kind: "protocol_access_changed"; imap: boolean; pop3: boolean; smtp: boolean };

function describe(event: SecurityEvent): string {
  switch (event.kind) {
    case "password_changed":
      return "The password of your mailbox was changed. Email programs need the new password now.";
    case "password_reset":
      return "The password of your mailbox was reset with a link sent to your recovery address.";
    case "recovery_email_changed":
      return event.newAddress
        ? `The recovery address of your mailbox was changed to ${maskAddress(event.newAddress)}.`
        : "The recovery address of your mailbox was removed.";
    case "protocol_access_changed": {
      const on = (b: boolean) => (b ? "on" : "off");
      return `Access for email programs was changed: IMAP ${on(event.imap)}, POP3 ${on(event.pop3)}, sending (SMTP) ${on(event.smtp)}.`;
    }
  }
}

/** a***@example.org: enough to recognise, not enough to harvest. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf("@");
  return `${address.slice(0, 1)}***${address.slice(at)}`;
}

export async function notifySecurityEvent(
  options: {
    mailboxId: number;
    event: SecurityEvent;
    ip: string | null;
    extraRecipients?: string[];
  },
  deps: { send?: (mail: OutgoingMail) => Promise<unknown> } = {},
): Promise<void> {
  const mailbox = await db().mailbox.findUnique({ where: { id: options.mailboxId } });
  if (!mailbox) return;
  const appUrl = loadEnv().APP_URL;
  const when = new Date().toUTCString();
  const text = [
    "Hello,",
    "",
    describe(options.event),
    "",
    `Mailbox: ${mailbox.address}`,
    `When: ${when}`,
    `From IP address: ${options.ip ?? "unknown (operator or support tools)"}`,
    "",
    "If this was you, there is nothing to do.",
    `If it wasn't you: reset your password now at ${appUrl}/forgot-password and contact support.`,
  ].join("\n");
  const to = [
    mailbox.address,
    ...(mailbox.recoveryEmail ? [mailbox.recoveryEmail] : []),
    ...(options.extraRecipients ?? []),
  ];
  await (deps.send ?? sendMail)({
    to: [...new Set(to)],
    subject: "Security notice for your mailbox",
    text,
  });
}

/** For doors: run after the answer went out; a notice that fails must not undo the change. */
export async function notifySecurityEventSafely(
  options: Parameters<typeof notifySecurityEvent>[0],
): Promise<void> {
  try {
    await notifySecurityEvent(options);
  } catch (error) {
    console.error(
      `[notice] ${options.event.kind} for mailbox ${options.mailboxId} not sent:`,
      (error as Error).message,
    );
  }
}

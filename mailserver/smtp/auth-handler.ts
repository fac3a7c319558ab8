// SMTP AUTH (PLAIN, LOGIN) through the one login decision. Only the outcome is logged,
// never the password or the SASL exchange.
import type { SMTPServerAuthentication, SMTPServerSession } from "smtp-server";
import {
  authenticateMailbox,
  type AuthenticatedMailbox,
} from "@/lib/server/auth/authenticate-mailbox";
import { SmtpReply } from "./smtp-reply";

export type SmtpAuthSession = Pick<SMTPServerSession, "id" | "secure" | "remoteAddress">;

const REFUSALS: Record<string, () => SmtpReply> = {
  plaintext_without_tls: () =>
    new SmtpReply(538, "5.7.11", "Encryption required: use STARTTLS before AUTH"),
  suspended: () => new SmtpReply(535, "5.7.8", "This mailbox is suspended"),
  domain_disabled: () => new SmtpReply(535, "5.7.8", "This mailbox's domain is disabled"),
  protocol_disabled: () =>
    new SmtpReply(535, "5.7.8", "Sending mail (SMTP) is turned off for this mailbox"),
};

/** Resolves to the signed-in mailbox, or rejects with the SMTP reply to send. */
export async function authenticateSmtpSession(
  auth: Pick<SMTPServerAuthentication, "method" | "username" | "password">,
  session: SmtpAuthSession,
  log: (message: string) => void,
): Promise<AuthenticatedMailbox> {
  if (auth.method !== "PLAIN" && auth.method !== "LOGIN")
    throw new SmtpReply(504, "5.5.4", "Unrecognized authentication type");
  const decision = await authenticateMailbox({
    door: "SMTP",
    address: auth.username ?? "",
    password: auth.password ?? "",
    secure: session.secure,
    ip: session.remoteAddress,
  });
  const who = (auth.username ?? "").slice(0, 320).replace(/[^\x21-\x7e]/g, "?");
  if (decision.ok) {
    log(`[smtp ${session.id}] AUTH ${auth.method} ok for ${decision.mailbox.address}`);
    return decision.mailbox;
  }
  log(`[smtp ${session.id}] AUTH ${auth.method} refused for ${who}: ${decision.reason}`);
  if (decision.temporary)
    throw new SmtpReply(454, "4.7.0", "Temporary authentication failure, try again later");
  throw (
    REFUSALS[decision.reason]?.() ??
    new SmtpReply(535, "5.7.8", "Authentication credentials invalid")
  );
}

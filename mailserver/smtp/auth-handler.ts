// SMTP AUTH (PLAIN, LOGIN) through the one login decision. Only the outcome is logged,
// never the password or the SASL exchange.
import {
  authenticateMailbox,
  type AuthenticatedMailbox,
} from "@/lib/server/auth/authenticate-mailbox";
import type { MailLogger } from "../logging/mail-logger";
import { replies, SmtpReply } from "./smtp-reply";

export type SmtpAuthSession = { id: string; secure: boolean; remoteAddress: string };
export type SmtpCredentials = { method: string; username: string; password: string };

const REFUSALS: Record<string, () => SmtpReply> = {
  plaintext_without_tls: replies.encryptionRequired,
  suspended: () => new SmtpReply(535, "5.7.8", "This mailbox is suspended"),
  domain_disabled: () => new SmtpReply(535, "5.7.8", "This mailbox's domain is disabled"),
  protocol_disabled: () =>
    new SmtpReply(535, "5.7.8", "Sending mail (SMTP) is turned off for this mailbox"),
};

/** Resolves to the signed-in mailbox, or rejects with the SMTP reply to send. */
export async function authenticateSmtpSession(
  auth: SmtpCredentials,
  session: SmtpAuthSession,
  logger: MailLogger,
): Promise<AuthenticatedMailbox> {
  if (auth.method !== "PLAIN" && auth.method !== "LOGIN")
    throw new SmtpReply(504, "5.5.4", "Unrecognized authentication type");
  const decision = await authenticateMailbox({
    door: "SMTP",
    address: auth.username,
    password: auth.password,
    secure: session.secure,
    ip: session.remoteAddress,
  });
  const who = auth.username.slice(0, 320).replace(/[^\x21-\x7e]/g, "?");
  if (decision.ok) {
    logger.info(
      { event: "auth", result: "ok", method: auth.method, address: decision.mailbox.address },
      "authenticated",
    );
    return decision.mailbox;
  }
  logger.warn(
    { event: "auth", result: "failed", method: auth.method, address: who, reason: decision.reason },
    "authentication failed",
  );
  if (decision.temporary)
    throw new SmtpReply(454, "4.7.0", "Temporary authentication failure, try again later");
  throw (
    REFUSALS[decision.reason]?.() ??
    new SmtpReply(535, "5.7.8", "Authentication credentials invalid")
  );
}

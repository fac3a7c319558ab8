// Errors our SMTP handlers hand to smtp-server. The text starts with its own enhanced status
// code (RFC 3463), which EnhancedStatusSmtpServer keeps instead of the library's default for
// the reply code (the library would answer every 550 with 5.1.1, even a relay refusal).
export class SmtpReply extends Error {
  constructor(
    readonly responseCode: number,
    enhancedCode: string,
    text: string,
  ) {
    super(`${enhancedCode} ${text}`);
    this.name = "SmtpReply";
  }
}

export const HAS_ENHANCED_CODE = /^[245]\.\d{1,3}\.\d{1,3} /;

export const replies = {
  tempFailure: () => new SmtpReply(451, "4.3.0", "Temporary server error, please try again later"),
  unknownUser: (address: string) => new SmtpReply(550, "5.1.1", `<${address}>: no such user here`),
  disabledMailbox: (address: string) =>
    new SmtpReply(550, "5.2.1", `<${address}>: mailbox disabled, not accepting messages`),
  mailboxFull: (address?: string) =>
    new SmtpReply(
      452,
      "4.2.2",
      address ? `<${address}>: mailbox full, try again later` : "Mailbox full, try again later",
    ),
  relayDenied: (domain: string) =>
    new SmtpReply(550, "5.7.1", `Relay access denied: ${domain} is not hosted here`),
  noRelayConfigured: (domain: string) =>
    new SmtpReply(
      550,
      "5.7.1",
      `This server does not send mail to other domains (${domain}): no outgoing relay is configured`,
    ),
  authRequired: () => new SmtpReply(530, "5.7.0", "Authentication required"),
  startTlsFirst: () => new SmtpReply(530, "5.7.0", "Must issue a STARTTLS command first"),
  wrongSender: (address: string) =>
    new SmtpReply(553, "5.7.1", `Sender address rejected: you may only send as <${address}>`),
  messageTooBig: (limit: number) =>
    new SmtpReply(552, "5.3.4", `Message exceeds the maximum size of ${limit} bytes`),
} as const;

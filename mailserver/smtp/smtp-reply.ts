// SMTP replies. Each carries its enhanced status code (RFC 3463, ENHANCEDSTATUSCODES) in its
// text; the greeting and the HELO/EHLO answer carry none (RFC 2034 §3).
export class SmtpReply extends Error {
  constructor(
    readonly responseCode: number,
    enhancedCode: string,
    text: string,
  ) {
    super(`${enhancedCode} ${text}`);
    this.name = "SmtpReply";
  }

  /** The reply as it goes on the wire. */
  get line(): string {
    return `${this.responseCode} ${this.message}\r\n`;
  }
}

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
  encryptionRequired: () =>
    new SmtpReply(538, "5.7.11", "Encryption required: use STARTTLS before AUTH"),
  wrongSender: (address: string) =>
    new SmtpReply(553, "5.7.1", `Sender address rejected: you may only send as <${address}>`),
  messageTooBig: (limit: number) =>
    new SmtpReply(552, "5.3.4", `Message exceeds the maximum size of ${limit} bytes`),
} as const;

/** Replies that never vary, written as they go on the wire. */
export const FIXED = {
  ok: "250 2.0.0 OK\r\n",
  senderOk: "250 2.1.0 Accepted\r\n",
  recipientOk: "250 2.1.5 Accepted\r\n",
  flushed: "250 2.0.0 Flushed\r\n",
  startData: "354 End data with <CR><LF>.<CR><LF>\r\n",
  bye: "221 2.0.0 Bye\r\n",
  help: "214 2.0.0 See https://tools.ietf.org/html/rfc5321 for details\r\n",
  vrfy: "252 2.1.5 Try to send something. No promises though\r\n",
  startTls: "220 2.0.0 Ready to start TLS\r\n",
  authOk: "235 2.7.0 Authentication successful\r\n",
  unrecognized: "500 5.5.2 Error: command not recognized\r\n",
  lineTooLong: "500 5.5.2 Error: line too long\r\n",
  helloFirst: "503 5.5.1 Error: send HELO/EHLO first\r\n",
  tooManyRecipients: "452 4.5.3 Error: too many recipients\r\n",
  tooManyUnrecognized: "421 4.7.0 Error: too many unrecognized commands, closing\r\n",
  tooManyUnauthenticated: "421 4.7.0 Error: too many unauthenticated commands, closing\r\n",
  tooManyRefused: "421 4.7.0 Too many refused recipients, closing\r\n",
  httpRefused: "421 4.7.0 HTTP requests not allowed\r\n",
  timeout: "421 4.4.2 Timeout - closing connection\r\n",
  shuttingDown: "421 4.3.2 Server shutting down, try again later\r\n",
} as const;

/** A 5xx/4xx answer to one command, with its enhanced code. */
export const refuse = (code: number, enhanced: string, text: string) =>
  `${code} ${enhanced} ${text}\r\n`;

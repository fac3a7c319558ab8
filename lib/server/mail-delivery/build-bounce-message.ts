// A delivery status notification (RFC 3464 multipart/report) telling the sender which
// recipients could not be reached and why, with the original message's headers attached.
import { randomBytes } from "node:crypto";
import { formatRfc5322Date } from "./format-rfc5322-date";

export type FailedRecipient = { recipient: string; diagnostic: string };

export type BuildBounceMessageOptions = {
  reportingHost: string;
  sender: string;
  failed: FailedRecipient[];
  original: Buffer;
  arrivalDate?: Date;
  now?: Date;
};

/** Remote servers' texts go into headers and DSN fields: one line, printable ASCII only. */
const oneLine = (text: string) =>
  text
    .replace(/[^\x20-\x7e]+/g, " ")
    .trim()
    .slice(0, 900);

function originalHeaders(raw: Buffer): string {
  const text = raw.toString("latin1");
  const end = text.search(/\r?\n\r?\n/);
  const head = end === -1 ? text : text.slice(0, end);
  return head.replace(/\r?\n/g, "\r\n") + "\r\n";
}

export function buildBounceMessage(options: BuildBounceMessageOptions): Buffer {
  const now = options.now ?? new Date();
  const host = options.reportingHost;
  const boundary = `bounce-${randomBytes(12).toString("hex")}`;
  const failed = options.failed.map((f) => ({
    recipient: oneLine(f.recipient),
    diagnostic: oneLine(f.diagnostic),
  }));
  const status = (diagnostic: string) =>
    /\b([45]\.\d{1,3}\.\d{1,3})\b/.exec(diagnostic)?.[1] ?? "5.0.0";
  const lines = [
    `From: Mail Delivery System <MAILER-DAEMON@${host}>`,
    `To: <${oneLine(options.sender)}>`,
    `Subject: Undelivered Mail Returned to Sender`,
    `Date: ${formatRfc5322Date(now)}`,
    `Message-ID: <${randomBytes(12).toString("hex")}@${host}>`,
    `Auto-Submitted: auto-replied`,
    `MIME-Version: 1.0`,
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    ``,
    `This is a MIME-encapsulated message.`,
    ``,
    `--${boundary}`,
    `Content-Type: text/plain; charset=us-ascii`,
    ``,
    `This is the mail system at ${host}.`,
    ``,
    `Your message could not be delivered to the following recipients:`,
    ``,
    ...failed.map((f) => `<${f.recipient}>: ${f.diagnostic}`),
    ``,
    `--${boundary}`,
    `Content-Type: message/delivery-status`,
    ``,
    `Reporting-MTA: dns; ${host}`,
    ...(options.arrivalDate ? [`Arrival-Date: ${formatRfc5322Date(options.arrivalDate)}`] : []),
    ...failed.flatMap((f) => [
      ``,
      `Final-Recipient: rfc822; ${f.recipient}`,
      `Action: failed`,
      `Status: ${status(f.diagnostic)}`,
      `Diagnostic-Code: smtp; ${f.diagnostic}`,
    ]),
    ``,
    `--${boundary}`,
    `Content-Type: text/rfc822-headers`,
    ``,
  ];
  return Buffer.concat([
    Buffer.from(lines.join("\r\n") + "\r\n", "latin1"),
    Buffer.from(originalHeaders(options.original), "latin1"),
    Buffer.from(`\r\n--${boundary}--\r\n`, "latin1"),
  ]);
}

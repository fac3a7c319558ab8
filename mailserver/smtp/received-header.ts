// The Received: trace header (RFC 5321 §4.4) we prepend to every message we accept.
import { formatRfc5322Date } from "@/lib/server/mail-delivery/format-rfc5322-date";

/** Client-supplied names go into a header: keep only what a host name or address literal uses. */
export function headerSafe(value: string, max = 255): string {
  return value.replace(/[^A-Za-z0-9.\-_:[\]]/g, "?").slice(0, max) || "unknown";
}

// eslint-disable-next-line no-control-regex -- control characters are what it replaces
const NOT_IN_ADDRESS = /[\x00-\x1f\x7f<>]/g;
const addressSafe = (value: string) =>
  (value.length > 320 ? [...value].slice(0, 320).join("") : value).replace(NOT_IN_ADDRESS, "?");

/** Every message in the same second gets the same date text: format it once per second. */
let dateSecond = -1;
let dateText = "";
function receivedDate(now: Date): string {
  const second = Math.floor(now.getTime() / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = formatRfc5322Date(now);
  }
  return dateText;
}

/** What the Received header tells about the session that brought the message. */
export type ReceivedFrom = {
  id: string;
  helo: string;
  remoteAddress: string;
  extended: boolean;
  secure: boolean;
  user: unknown;
  tlsVersion: string | null;
  tlsCipher: string | null;
};

/** RFC 3848 "with" keyword: SMTP, ESMTP, ESMTPS, ESMTPA, ESMTPSA. */
export function withProtocol(session: ReceivedFrom): string {
  return `${session.extended ? "E" : ""}SMTP${session.secure ? "S" : ""}${session.user ? "A" : ""}`;
}

export function buildReceivedHeader(options: {
  session: ReceivedFrom;
  hostname: string;
  recipients: string[];
  now?: Date;
}): string {
  const { session } = options;
  const helo = headerSafe(session.helo || "unknown");
  const ip = headerSafe(session.remoteAddress, 64);
  const lines = [`Received: from ${helo} ([${ip}])`];
  lines.push(
    `\tby ${options.hostname} (Octeportal) with ${withProtocol(session)} id ${session.id}`,
  );
  if (session.secure) {
    const version = headerSafe(session.tlsVersion ?? "TLS", 32);
    const cipher = headerSafe(session.tlsCipher ?? "unknown", 100);
    lines.push(`\t(version=${version} cipher=${cipher})`);
  }
  // Naming the recipient only when there is one keeps the others' addresses private.
  const single = options.recipients.length === 1 ? options.recipients[0] : null;
  const date = receivedDate(options.now ?? new Date());
  lines.push(single ? `\tfor <${addressSafe(single)}>; ${date}` : `\t; ${date}`);
  return lines.join("\r\n") + "\r\n";
}

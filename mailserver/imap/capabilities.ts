// CAPABILITY as the session currently stands: no STARTTLS once secure, no plaintext login
// (LOGINDISABLED, no AUTH=PLAIN) before TLS unless the client is on loopback.
import type { ImapSession } from "./session";

const EXTENSIONS = [
  "LITERAL+",
  "COMPRESS=DEFLATE",
  "SASL-IR",
  "ID",
  "ENABLE",
  "IDLE",
  "NAMESPACE",
  "UNSELECT",
  "CHILDREN",
  "UIDPLUS",
  "MOVE",
  "SPECIAL-USE",
  "CREATE-SPECIAL-USE",
  "CONDSTORE",
  "QRESYNC",
  "QUOTA",
  "LIST-EXTENDED",
  "LIST-STATUS",
  "ESEARCH",
  "SEARCHRES",
];

export function capabilities(session: ImapSession): string {
  const caps = ["IMAP4rev1"];
  if (session.state === "notAuthenticated") {
    if (!session.secure) caps.push("STARTTLS");
    if (session.plaintextLoginAllowed) caps.push("AUTH=PLAIN");
    else caps.push("LOGINDISABLED");
  }
  caps.push(...EXTENSIONS, `APPENDLIMIT=${session.shared.limits.appendLimit}`);
  return caps.join(" ");
}

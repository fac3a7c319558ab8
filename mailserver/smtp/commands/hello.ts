import { ANY_STATE, type SmtpCommand } from "../command";
import type { SmtpSession } from "../session";

const MAX_HELLO_NAME = 255;
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const UNSAFE = /[\x00-\x20\x7f]/;

/** The EHLO answer: greeting line, then the extensions this session may use now. */
function extensions(session: SmtpSession): string {
  const { door } = session;
  let reply = `250-${door.hostname} Nice to meet you, [${session.remoteAddress}]\r\n`;
  // No DSN: we would not honour NOTIFY (success reports, NEVER). Its parameters are still
  // accepted from clients that send them anyway.
  reply += "250-PIPELINING\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250-ENHANCEDSTATUSCODES\r\n";
  // AUTH only where it may be used: submission, and off loopback only over TLS.
  if (door.mode === "submission" && !session.user && session.mayAuthenticate)
    reply += "250-AUTH PLAIN LOGIN\r\n";
  if (!session.secure) reply += "250-STARTTLS\r\n";
  return reply + `250 SIZE ${door.maxMessageSize}\r\n`;
}

/** HELO and EHLO (RFC 5321 §4.1.1.1): name the client, start over (like RSET). */
function hello(extended: boolean): SmtpCommand {
  return {
    name: extended ? "EHLO" : "HELO",
    states: ANY_STATE,
    run(session, args) {
      const name = args.trim();
      // One word, no control characters: it goes into the Received header.
      if (name === "" || name.length > MAX_HELLO_NAME || UNSAFE.test(name))
        return session.send(
          name === "" || /\s/.test(name)
            ? `501 Error: Syntax: ${extended ? "EHLO" : "HELO"} hostname\r\n`
            : "501 Error: Bad hostname syntax\r\n",
        );
      session.helo = name.toLowerCase();
      session.extended = extended;
      session.resetTransaction();
      session.send(
        extended
          ? extensions(session)
          : `250 ${session.door.hostname} Nice to meet you, [${session.remoteAddress}]\r\n`,
      );
    },
  };
}

export const ehlo = hello(true);
export const helo = hello(false);

// LOGIN and AUTHENTICATE both end here: the one login decision, mapped to IMAP answers.
import { authenticateMailbox } from "@/lib/server/auth/authenticate-mailbox";
import { capabilities } from "../capabilities";
import { no, ok, type Outcome } from "../command";
import type { ImapSession } from "../session";

export async function logIn(
  session: ImapSession,
  address: string,
  password: string,
): Promise<Outcome> {
  if (!session.plaintextLoginAllowed)
    return no("Use STARTTLS or port 993 before logging in", "PRIVACYREQUIRED");
  const decision = await authenticateMailbox({
    door: "IMAP",
    address,
    password,
    secure: session.secure,
    ip: session.ip,
  });
  if (!decision.ok) {
    // The password never reaches the log; the reason does, in the same shape SMTP and POP3 use.
    session.logger.warn(
      { event: "auth", result: "failed", address: address.slice(0, 100), reason: decision.reason },
      "authentication failed",
    );
    if (decision.temporary) return no("Temporary failure, please try again later", "UNAVAILABLE");
    if (decision.reason === "plaintext_without_tls")
      return no("Use STARTTLS or port 993 before logging in", "PRIVACYREQUIRED");
    return no("Authentication failed", "AUTHENTICATIONFAILED");
  }
  if (!(await session.login(decision.mailbox)))
    return no("Too many open connections for this mailbox", "LIMIT");
  session.log(`logged in as ${decision.mailbox.address}`);
  return ok("Logged in", `CAPABILITY ${capabilities(session)}`);
}

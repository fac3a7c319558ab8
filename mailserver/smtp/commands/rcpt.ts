import type { SmtpCommand } from "../command";
import { checkRecipient, replyFor } from "../message-transaction";
import { parsePathArgument } from "../path-argument";
import type { SmtpSession } from "../session";
import { FIXED, refuse } from "../smtp-reply";

export const MAX_RECIPIENTS = 100;
/** Refused RCPTs a client may collect before it is disconnected (address harvesting). */
const MAX_REFUSED_RECIPIENTS = 20;
const DSN_PARAMS = new Set(["NOTIFY", "ORCPT"]);

/** RCPT TO (RFC 5321 §4.1.1.3): one recipient, looked up before it is accepted. */
export const rcpt: SmtpCommand = {
  name: "RCPT",
  states: ["mail", "rcpt"],
  wrongState: "need MAIL command",
  needsAuth: true,
  run(session, args) {
    const path = parsePathArgument(args, "TO");
    if (!path || path.address === "")
      return session.send(refuse(501, "5.1.3", "Error: Bad recipient address syntax"));
    for (const [key, value] of path.params) {
      if (!DSN_PARAMS.has(key))
        return session.send(refuse(555, "5.5.4", `Error: Unsupported parameter ${key}`));
      if (value === true || value === "")
        return session.send(refuse(501, "5.5.4", `Error: ${key} parameter requires a value`));
    }
    const lower = path.address.toLowerCase();
    const known = session.recipients.findIndex((r) => r.address === lower);
    if (known === -1 && session.recipients.length >= MAX_RECIPIENTS)
      return session.send(FIXED.tooManyRecipients);
    return checkRecipient(session, path.address).then(
      (recipient) => {
        // The same address again replaces its entry: it gets the message once.
        if (known === -1) session.recipients.push(recipient);
        else session.recipients[known] = recipient;
        session.state = "rcpt";
        session.send(FIXED.recipientOk);
      },
      (error) => refused(session, error),
    );
  },
};

function refused(session: SmtpSession, error: unknown) {
  const reply = replyFor(error, session);
  if (++session.refusedRecipients > MAX_REFUSED_RECIPIENTS && reply.responseCode >= 500) {
    session.logger.warn(
      { event: "protocol_error", reason: "too many refused recipients" },
      "closing",
    );
    return session.closeWith(FIXED.tooManyRefused);
  }
  session.send(reply.line);
}

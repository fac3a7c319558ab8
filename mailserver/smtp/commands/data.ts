import type { SmtpCommand } from "../command";
import type { SmtpInput } from "../input-parser";
import { deliverTransaction, replyFor } from "../message-transaction";
import type { SmtpSession } from "../session";
import { replies } from "../smtp-reply";

/** DATA (RFC 5321 §4.1.1.4): 354, then the message until CRLF.CRLF (see input-parser.ts). */
export const data: SmtpCommand = {
  name: "DATA",
  states: ["rcpt"],
  wrongState: "need RCPT command",
  needsAuth: true,
  run(session, args) {
    if (args.trim() !== "") return session.send("501 5.5.4 Error: Syntax: DATA\r\n");
    session.beginMessage();
  },
};

/**
 * The message is in: store it, then answer. A message over the size limit was not kept and
 * gets 552 now, after its final dot, so the client and we agree where the next command starts.
 */
export function messageReceived(
  session: SmtpSession,
  message: Extract<SmtpInput, { kind: "message" }>,
): void | Promise<void> {
  if (message.tooBig)
    return session.messageAnswered(replies.messageTooBig(session.door.maxMessageSize).line);
  return deliverTransaction(session, message.chunks).then(
    (reply) => session.messageAnswered(reply),
    (error) => session.messageAnswered(replyFor(error, session).line),
  );
}

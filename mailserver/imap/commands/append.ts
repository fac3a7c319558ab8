// APPEND (RFC 3501 §6.3.11) with UIDPLUS APPENDUID; size is refused before the literal is sent
// (see ImapSession.judgeLiteral: NO [TOOBIG]).
import { appendMessage } from "@/lib/server/imap/append-message";
import { isAppError } from "@/lib/server/errors/app-error";
import { AUTHENTICATED, no, ok, type ImapCommand } from "../command";
import { parseDateTime } from "../dates";
import { ParseError } from "../tokens";
import { parseFlagList } from "./flag-list";

export const append: ImapCommand = {
  name: "APPEND",
  modifiesSelected: true,
  states: AUTHENTICATED,
  async handle(session, args) {
    const name = args.mailbox();
    const flagTokens = args.optionalList();
    let internalDate: Date | undefined;
    const next = args.peek();
    if (next?.type === "string" && args.remaining > 1) {
      const parsed = parseDateTime(next.value.toString("latin1"));
      if (!parsed) throw new ParseError("Invalid date-time");
      internalDate = parsed;
      args.next();
    }
    const message = args.next();
    args.end();
    if (message.type !== "string") throw new ParseError("Expected the message as a literal");
    const flags = parseFlagList(flagTokens ?? []);
    if (message.value.length > session.shared.limits.appendLimit)
      return no("Message too big for this server", "TOOBIG");
    // One statement finds the folder and stores the message (no separate lookup first).
    const stored = await appendMessage({
      mailboxId: session.mailbox!.id,
      folder: name,
      raw: message.value,
      flags,
      internalDate,
    }).catch((error: unknown) => {
      if (isAppError(error) && error.code === "NOT_FOUND" && error.field === "folder") return null;
      throw error;
    });
    if (!stored) return no("No such folder", "TRYCREATE");
    return ok("APPEND completed", `APPENDUID ${stored.uidValidity} ${stored.uid}`);
  },
};

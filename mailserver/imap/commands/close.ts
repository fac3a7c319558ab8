import { expungeDeleted } from "@/lib/server/imap/expunge-deleted";
import { ok, SELECTED, type ImapCommand } from "../command";

// CLOSE expunges silently (no untagged EXPUNGE); UNSELECT (RFC 3691) does not expunge.
export const close: ImapCommand = {
  name: "CLOSE",
  states: SELECTED,
  async handle(session, args) {
    args.end();
    const selected = session.selected!;
    session.selected = null;
    session.state = "authenticated";
    if (!selected.readOnly) await expungeDeleted({ folderId: selected.folderId });
    return ok("CLOSE completed");
  },
};

export const unselect: ImapCommand = {
  name: "UNSELECT",
  states: SELECTED,
  async handle(session, args) {
    args.end();
    session.selected = null;
    session.state = "authenticated";
    return ok("UNSELECT completed");
  },
};

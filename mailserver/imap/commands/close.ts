import { expungeDeleted } from "@/lib/server/imap/expunge-deleted";
import { ok, SELECTED, type ImapCommand } from "../command";

// CLOSE expunges silently (no untagged EXPUNGE) and leaves the selected state.
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

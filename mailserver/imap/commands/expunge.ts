// EXPUNGE and UID EXPUNGE (UIDPLUS); the EXPUNGE responses come from the session's update step.
import { expungeDeleted } from "@/lib/server/imap/expunge-deleted";
import { no, ok, SELECTED, type ImapCommand } from "../command";

export const expunge: ImapCommand = {
  name: "EXPUNGE",
  modifiesSelected: true,
  states: SELECTED,
  uidVariant: true,
  async handle(session, args, ctx) {
    const selected = session.selected!;
    const uids = ctx.uid ? selected.resolve(args.atom(), true) : undefined;
    args.end();
    if (selected.readOnly) return no("Folder is read-only", "READ-ONLY");
    await expungeDeleted({ folderId: selected.folderId, uids });
    return ok("EXPUNGE completed");
  },
};

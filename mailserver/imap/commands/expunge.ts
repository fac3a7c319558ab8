// EXPUNGE and UID EXPUNGE (UIDPLUS); the EXPUNGE (or, with QRESYNC, VANISHED) responses come from
// the session's update step. With QRESYNC the tagged OK carries the folder's new HIGHESTMODSEQ
// (RFC 7162), so the updates are sent first.
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
    if (!session.qresync) return ok("EXPUNGE completed");
    await session.pushUpdates(true);
    return ok("EXPUNGE completed", `HIGHESTMODSEQ ${selected.highestModseq}`);
  },
};

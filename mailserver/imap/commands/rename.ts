import { renameFolder } from "@/lib/server/imap/folders";
import { AUTHENTICATED, ok, type ImapCommand } from "../command";

export const rename: ImapCommand = {
  name: "RENAME",
  states: AUTHENTICATED,
  async handle(session, args) {
    const from = args.mailbox();
    const to = args.mailbox();
    args.end();
    await renameFolder({ mailboxId: session.mailbox!.id, from, to });
    return ok("RENAME completed");
  },
};

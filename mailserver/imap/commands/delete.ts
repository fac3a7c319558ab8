import { deleteFolder } from "@/lib/server/imap/folders";
import { normaliseFolderName } from "@/lib/server/imap/folder-name";
import { AUTHENTICATED, ok, type ImapCommand } from "../command";

export const deleteCommand: ImapCommand = {
  name: "DELETE",
  states: AUTHENTICATED,
  async handle(session, args) {
    const name = args.astring();
    args.end();
    if (session.selected?.name === normaliseFolderName(name)) {
      session.selected = null;
      session.state = "authenticated";
    }
    await deleteFolder({ mailboxId: session.mailbox!.id, name });
    return ok("DELETE completed");
  },
};

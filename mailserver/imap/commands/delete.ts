import { deleteFolder, findFolder } from "@/lib/server/imap/folders";
import { AUTHENTICATED, ok, type ImapCommand } from "../command";

export const deleteCommand: ImapCommand = {
  name: "DELETE",
  states: AUTHENTICATED,
  async handle(session, args) {
    const name = args.mailbox();
    args.end();
    // By id: the selected folder may have been renamed since it was selected.
    const folder = await findFolder(session.mailbox!.id, name);
    if (folder && session.selected?.folderId === folder.id) {
      session.selected = null;
      session.state = "authenticated";
    }
    await deleteFolder({ mailboxId: session.mailbox!.id, name });
    return ok("DELETE completed");
  },
};

// STATUS (RFC 3501 §6.3.10).
import { findFolder } from "@/lib/server/imap/folders";
import { AUTHENTICATED, no, ok, type ImapCommand } from "../command";
import { parseStatusItems, statusResponse } from "../status-items";

export const status: ImapCommand = {
  name: "STATUS",
  states: AUTHENTICATED,
  async handle(session, args) {
    const name = args.mailbox();
    const items = parseStatusItems(args.list());
    args.end();
    const folder = await findFolder(session.mailbox!.id, name);
    const line = folder ? await statusResponse(session, folder, items) : null;
    if (!line) return no("No such folder", "NONEXISTENT");
    await session.writer.line(line);
    return ok("STATUS completed");
  },
};

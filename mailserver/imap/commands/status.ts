import { findFolder } from "@/lib/server/imap/folders";
import { folderStatus } from "@/lib/server/imap/folder-status";
import { AUTHENTICATED, no, ok, type ImapCommand } from "../command";
import { quoted } from "../response-writer";
import { ParseError, atomValue } from "../tokens";

export const status: ImapCommand = {
  name: "STATUS",
  states: AUTHENTICATED,
  async handle(session, args) {
    const name = args.astring();
    const items = args.list().map((t) => atomValue(t)?.toUpperCase() ?? "");
    args.end();
    const folder = await findFolder(session.mailbox!.id, name);
    const figures = folder ? await folderStatus(folder.id) : null;
    if (!folder || !figures) return no("No such folder", "NONEXISTENT");
    const values: Record<string, string> = {
      MESSAGES: String(figures.messages),
      RECENT: "0",
      UIDNEXT: String(figures.uidNext),
      UIDVALIDITY: String(figures.uidValidity),
      UNSEEN: String(figures.unseen),
      HIGHESTMODSEQ: String(figures.highestModseq),
      SIZE: String(figures.size),
      APPENDLIMIT: String(session.shared.limits.appendLimit),
    };
    const out: string[] = [];
    for (const item of items) {
      if (!(item in values)) throw new ParseError(`Unknown STATUS item ${item}`);
      out.push(`${item} ${values[item]}`);
    }
    await session.writer.line(`* STATUS ${quoted(folder.name)} (${out.join(" ")})`);
    return ok("STATUS completed");
  },
};

// SEARCH (RFC 3501 §6.4.4) with CHARSET UTF-8 / US-ASCII and CONDSTORE MODSEQ.
import { searchMessages } from "@/lib/server/imap/search-messages";
import { no, ok, SELECTED, type ImapCommand } from "../command";
import { parseSearchProgram } from "../search-program";
import { atomValue, textValue, type Token } from "../tokens";

const CHARSETS = ["UTF-8", "US-ASCII"];

export const search: ImapCommand = {
  name: "SEARCH",
  states: SELECTED,
  uidVariant: true,
  holdsExpunges: true,
  async handle(session, args, ctx) {
    const tokens: Token[] = [];
    while (args.remaining > 0) tokens.push(args.next());
    if (atomValue(tokens[0])?.toUpperCase() === "CHARSET") {
      const charset = tokens[1] ? textValue(tokens[1]).toUpperCase() : "";
      if (!CHARSETS.includes(charset))
        return no("Unsupported charset", "BADCHARSET (UTF-8 US-ASCII)");
      tokens.splice(0, 2);
    }
    const selected = session.selected!;
    const program = parseSearchProgram(tokens, selected);
    if (program.usesModseq) session.condstore = true;
    const uids = await searchMessages({
      folderId: selected.folderId,
      uids: [...selected.uids],
      key: program.key,
    });
    const found = uids.filter((uid) => selected.seqOf(uid) > 0);
    const numbers = ctx.uid ? found : found.map((uid) => selected.seqOf(uid));
    let line = "* SEARCH" + numbers.map((n) => " " + n).join("");
    if (program.usesModseq && found.length > 0) {
      const highest = found.reduce((max, uid) => {
        const m = selected.modseqs.get(uid) ?? 0n;
        return m > max ? m : max;
      }, 0n);
      line += ` (MODSEQ ${highest})`;
    }
    await session.writer.line(line);
    return ok("SEARCH completed");
  },
};

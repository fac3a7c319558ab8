// SEARCH (RFC 3501 §6.4.4) with CHARSET UTF-8 / US-ASCII, CONDSTORE MODSEQ, ESEARCH result options
// (RFC 4731: SEARCH RETURN (MIN MAX ALL COUNT)) and SEARCHRES (RFC 5182: RETURN (SAVE), then "$").
import { searchMessages } from "@/lib/server/imap/search-messages";
import { no, ok, SELECTED, type ImapCommand } from "../command";
import { quoted } from "../response-writer";
import { parseSearchProgram } from "../search-program";
import type { SelectedFolder } from "../selected-folder";
import { compressSet } from "../sequence-set";
import { ParseError, atomValue, textValue, type Token } from "../tokens";

const CHARSETS = ["UTF-8", "US-ASCII"];
const RETURN_OPTIONS = ["MIN", "MAX", "ALL", "COUNT", "SAVE"];

/** RETURN (…) before the criteria: null for a plain RFC 3501 SEARCH. */
function takeReturnOptions(tokens: Token[]): Set<string> | null {
  if (atomValue(tokens[0])?.toUpperCase() !== "RETURN") return null;
  const list = tokens[1];
  if (list?.type !== "list") throw new ParseError("RETURN needs a list of options");
  tokens.splice(0, 2);
  const options = new Set<string>();
  for (const t of list.items) {
    const option = atomValue(t)?.toUpperCase() ?? "";
    if (!RETURN_OPTIONS.includes(option)) throw new ParseError(`Unknown RETURN option ${option}`);
    options.add(option);
  }
  // "RETURN ()" means ALL (RFC 4731 §3.1).
  if (options.size === 0) options.add("ALL");
  return options;
}

function highestModseq(selected: SelectedFolder, uids: number[]): bigint {
  return uids.reduce((max, uid) => {
    const m = selected.modseqs.get(uid) ?? 0n;
    return m > max ? m : max;
  }, 0n);
}

/** The ESEARCH response (RFC 4731 §3.1): MIN/MAX/ALL only when something matched. */
function esearchLine(
  tag: string,
  byUid: boolean,
  numbers: number[],
  options: Set<string>,
  modseq: bigint | null,
): string {
  let line = `* ESEARCH (TAG ${quoted(tag)})${byUid ? " UID" : ""}`;
  if (numbers.length > 0) {
    if (options.has("MIN")) line += ` MIN ${numbers[0]}`;
    if (options.has("MAX")) line += ` MAX ${numbers[numbers.length - 1]}`;
    if (options.has("ALL")) line += ` ALL ${compressSet(numbers)}`;
  }
  if (options.has("COUNT")) line += ` COUNT ${numbers.length}`;
  if (modseq !== null) line += ` MODSEQ ${modseq}`;
  return line;
}

/** RFC 5182 §2.4: with MIN and/or MAX but neither ALL nor COUNT, only those are saved. */
function savedPart(found: number[], options: Set<string>): number[] {
  if (found.length === 0 || options.has("ALL") || options.has("COUNT")) return found;
  if (!options.has("MIN") && !options.has("MAX")) return found;
  const picked = new Set<number>();
  if (options.has("MIN")) picked.add(found[0]);
  if (options.has("MAX")) picked.add(found[found.length - 1]);
  return [...picked];
}

export const search: ImapCommand = {
  name: "SEARCH",
  states: SELECTED,
  uidVariant: true,
  holdsExpunges: true,
  async handle(session, args, ctx) {
    const tokens: Token[] = [];
    while (args.remaining > 0) tokens.push(args.next());
    const returnOptions = takeReturnOptions(tokens);
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
    const modseq = program.usesModseq && found.length > 0 ? highestModseq(selected, found) : null;
    if (!returnOptions) {
      const suffix = modseq !== null ? ` (MODSEQ ${modseq})` : "";
      await session.writer.line("* SEARCH" + numbers.map((n) => " " + n).join("") + suffix);
      return ok("SEARCH completed");
    }
    if (returnOptions.has("SAVE")) {
      selected.savedResult = savedPart(found, returnOptions);
      returnOptions.delete("SAVE");
      // SAVE alone answers nothing but the tagged OK (RFC 5182 §2.4).
      if (returnOptions.size === 0) return ok("SEARCH completed, result saved");
    }
    await session.writer.line(esearchLine(ctx.tag, ctx.uid, numbers, returnOptions, modseq));
    return ok("SEARCH completed");
  },
};

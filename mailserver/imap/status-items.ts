// STATUS data items (RFC 3501 §6.3.10, CONDSTORE HIGHESTMODSEQ, RFC 8438 SIZE, APPENDLIMIT),
// shared by STATUS and LIST … RETURN (STATUS (…)) (RFC 5819).
import { folderStatus } from "@/lib/server/imap/folder-status";
import { quotedMailbox } from "./response-writer";
import type { ImapSession } from "./session";
import { ParseError, atomValue, type Token } from "./tokens";

const ITEMS = [
  "MESSAGES",
  "RECENT",
  "UIDNEXT",
  "UIDVALIDITY",
  "UNSEEN",
  "HIGHESTMODSEQ",
  "SIZE",
  "APPENDLIMIT",
];

/** The requested item names, upper case; BAD for anything unknown. */
export function parseStatusItems(tokens: Token[]): string[] {
  return tokens.map((t) => {
    const item = atomValue(t)?.toUpperCase() ?? "";
    if (!ITEMS.includes(item)) throw new ParseError(`Unknown STATUS item ${item}`);
    return item;
  });
}

/** The untagged STATUS response for a folder, or null when it no longer exists. */
export async function statusResponse(
  session: ImapSession,
  folder: { id: number; name: string },
  items: string[],
): Promise<string | null> {
  const figures = await folderStatus(folder.id);
  if (!figures) return null;
  const values: Record<string, string> = {
    MESSAGES: String(figures.messages),
    RECENT: String(figures.recent),
    UIDNEXT: String(figures.uidNext),
    UIDVALIDITY: String(figures.uidValidity),
    UNSEEN: String(figures.unseen),
    HIGHESTMODSEQ: String(figures.highestModseq),
    SIZE: String(figures.size),
    APPENDLIMIT: String(session.shared.limits.appendLimit),
  };
  const pairs = items.map((item) => `${item} ${values[item]}`);
  return `* STATUS ${quotedMailbox(folder.name)} (${pairs.join(" ")})`;
}

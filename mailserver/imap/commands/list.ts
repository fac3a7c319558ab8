// LIST / LSUB (RFC 3501 §6.3.8-9) with LIST-EXTENDED (RFC 5258): selection options SUBSCRIBED,
// REMOTE, RECURSIVEMATCH and SPECIAL-USE (RFC 6154), return options SUBSCRIBED, CHILDREN,
// SPECIAL-USE and STATUS (LIST-STATUS, RFC 5819), several patterns at once; \HasChildren /
// \HasNoChildren always (RFC 3348). Names travel in modified UTF-7.
import { HIERARCHY_DELIMITER } from "@/lib/server/imap/folder-name";
import { listFolders, type FolderInfo } from "@/lib/server/imap/folders";
import { AUTHENTICATED, ok, type ImapCommand } from "../command";
import { quotedMailbox } from "../response-writer";
import type { ImapSession } from "../session";
import { parseStatusItems, statusResponse } from "../status-items";
import { type Args, ParseError, type Token, atomValue, mailboxName } from "../tokens";

/** Compiles an IMAP list pattern: "*" matches anything, "%" anything but the delimiter. */
export function patternMatcher(pattern: string): (name: string) => boolean {
  const compile = (p: string) =>
    new RegExp(
      "^" +
        p
          .split("")
          .map((c) =>
            c === "*" ? ".*" : c === "%" ? "[^/]*" : c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
          )
          .join("") +
        "$",
      "s",
    );
  const exact = compile(pattern);
  // INBOX is case-insensitive: "inbox/%" lists INBOX's children too.
  const inbox = /^inbox(\/|$)/i.test(pattern) ? compile("INBOX" + pattern.slice(5)) : null;
  return (name) => exact.test(name) || (inbox !== null && inbox.test(name));
}

type Entry = { name: string; hasChildren: boolean; folder: FolderInfo | null };

/** Every folder plus the parents it implies (which show as non-existent), INBOX first. */
function entries(folders: FolderInfo[]): Entry[] {
  const byName = new Map(folders.map((f) => [f.name, f]));
  const names = new Set(byName.keys());
  for (const f of folders) {
    const parts = f.name.split(HIERARCHY_DELIMITER);
    for (let i = 1; i < parts.length; i++) names.add(parts.slice(0, i).join(HIERARCHY_DELIMITER));
  }
  const all = [...names].sort((a, b) => (a === "INBOX" ? -1 : b === "INBOX" ? 1 : a < b ? -1 : 1));
  return all.map((name) => ({
    name,
    hasChildren: all.some((n) => n.startsWith(name + HIERARCHY_DELIMITER)),
    folder: byName.get(name) ?? null,
  }));
}

type Selection = { subscribed: boolean; specialUse: boolean; recursiveMatch: boolean };
type Returns = { given: boolean; subscribed: boolean; status: string[] | null };

function parseSelection(tokens: Token[]): Selection {
  const selection = { subscribed: false, specialUse: false, recursiveMatch: false };
  for (const token of tokens) {
    const option = atomValue(token)?.toUpperCase();
    if (option === "SUBSCRIBED") selection.subscribed = true;
    else if (option === "SPECIAL-USE") selection.specialUse = true;
    else if (option === "RECURSIVEMATCH") selection.recursiveMatch = true;
    else if (option !== "REMOTE") throw new ParseError("Unknown LIST selection option");
  }
  // RFC 5258 §3.1: RECURSIVEMATCH only makes sense beside a real selection criterion.
  if (selection.recursiveMatch && !selection.subscribed && !selection.specialUse)
    throw new ParseError("RECURSIVEMATCH needs another selection option");
  return selection;
}

function parseReturns(args: Args): Returns {
  const returns: Returns = { given: false, subscribed: false, status: null };
  if (args.remaining === 0 || atomValue(args.peek())?.toUpperCase() !== "RETURN") return returns;
  args.next();
  returns.given = true;
  const tokens = args.list();
  for (let i = 0; i < tokens.length; i++) {
    const option = atomValue(tokens[i])?.toUpperCase();
    if (option === "SUBSCRIBED") returns.subscribed = true;
    else if (option === "STATUS") {
      const items = tokens[++i];
      if (items?.type !== "list") throw new ParseError("STATUS needs a list of items");
      returns.status = parseStatusItems(items.items);
    } else if (option !== "CHILDREN" && option !== "SPECIAL-USE")
      throw new ParseError("Unknown LIST return option");
  }
  return returns;
}

async function list(session: ImapSession, args: Args, lsub: boolean) {
  const selectionTokens = lsub ? null : args.optionalList();
  const selection = parseSelection(selectionTokens ?? []);
  if (lsub) selection.subscribed = true;
  const reference = args.mailbox();
  const patternToken = args.next();
  const patterns =
    patternToken.type === "list" && !lsub
      ? patternToken.items.map(mailboxName)
      : [mailboxName(patternToken)];
  const returns = lsub ? { given: false, subscribed: false, status: null } : parseReturns(args);
  args.end();
  const extended = selectionTokens !== null || patternToken.type === "list" || returns.given;
  const verb = lsub ? "LSUB" : "LIST";
  if (patterns.length === 1 && patterns[0] === "") {
    await session.writer.line(`* ${verb} (\\Noselect) "${HIERARCHY_DELIMITER}" ""`);
    return ok(`${verb} completed`);
  }
  const matchers = patterns.map((p) => patternMatcher(reference + p));
  const matches = (name: string) => matchers.some((m) => m(name));
  // Without selection criteria implied parents are listed too; with them only real folders qualify.
  const selected = (folder: FolderInfo | null) =>
    (!selection.subscribed && !selection.specialUse) ||
    (!!folder &&
      (!selection.subscribed || folder.subscribed) &&
      (!selection.specialUse || !!folder.specialUse));
  const all = entries(await listFolders(session.mailbox!.id));
  for (const entry of all) {
    if (!matches(entry.name)) continue;
    const { folder } = entry;
    const childInfo: string[] = [];
    let lsubParent = false;
    if (!selected(folder)) {
      const prefix = entry.name + HIERARCHY_DELIMITER;
      const qualifying = all.filter((o) => o.name.startsWith(prefix) && selected(o.folder));
      if (lsub) {
        // RFC 3501 §6.3.9: an unsubscribed parent of a subscribed folder that "%" hides is
        // listed, \Noselect, so the subscribed tree stays reachable.
        if (qualifying.length === 0 || qualifying.every((o) => matches(o.name))) continue;
        lsubParent = true;
      } else {
        // RECURSIVEMATCH: a parent whose descendants meet the criteria is listed, with CHILDINFO.
        if (!selection.recursiveMatch || qualifying.length === 0) continue;
        if (selection.subscribed) childInfo.push('"SUBSCRIBED"');
        if (selection.specialUse) childInfo.push('"SPECIAL-USE"');
      }
    }
    const attributes: string[] = [];
    // An implied parent: \NonExistent in extended answers (RFC 5258 §3), \Noselect in plain ones.
    if (!folder) attributes.push(extended ? "\\NonExistent" : "\\Noselect");
    else if (lsubParent) attributes.push("\\Noselect");
    attributes.push(entry.hasChildren ? "\\HasChildren" : "\\HasNoChildren");
    // Special-use attributes go with every LIST (RFC 6154 §2 allows it without RETURN).
    if (folder?.specialUse && !lsub) attributes.push(folder.specialUse);
    if (!lsub && (returns.subscribed || selection.subscribed) && folder?.subscribed)
      attributes.push("\\Subscribed");
    const extra = childInfo.length ? ` ("CHILDINFO" (${childInfo.join(" ")}))` : "";
    await session.writer.line(
      `* ${verb} (${attributes.join(" ")}) "${HIERARCHY_DELIMITER}" ${quotedMailbox(entry.name)}${extra}`,
    );
    if (returns.status && folder) {
      const status = await statusResponse(session, folder, returns.status);
      if (status) await session.writer.line(status);
    }
  }
  return ok(`${verb} completed`);
}

export const listCommand: ImapCommand = {
  name: "LIST",
  states: AUTHENTICATED,
  handle: (session, args) => list(session, args, false),
};

export const lsub: ImapCommand = {
  name: "LSUB",
  states: AUTHENTICATED,
  handle: (session, args) => list(session, args, true),
};

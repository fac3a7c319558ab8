// LIST / LSUB (RFC 3501 §6.3.8-9) with the LIST-EXTENDED forms clients use for RFC 6154
// special-use ("LIST (SPECIAL-USE) …", "RETURN (SPECIAL-USE CHILDREN SUBSCRIBED)") and
// \HasChildren / \HasNoChildren (RFC 3348).
import { HIERARCHY_DELIMITER } from "@/lib/server/imap/folder-name";
import { listFolders, type FolderInfo } from "@/lib/server/imap/folders";
import { AUTHENTICATED, ok, type ImapCommand } from "../command";
import { quoted } from "../response-writer";
import type { ImapSession } from "../session";
import { type Args, type Token, atomValue, textValue } from "../tokens";

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
    );
  const exact = compile(pattern);
  // INBOX is case-insensitive: "inbox/%" lists INBOX's children too.
  const inbox = /^inbox(\/|$)/i.test(pattern) ? compile("INBOX" + pattern.slice(5)) : null;
  return (name) => exact.test(name) || (inbox !== null && inbox.test(name));
}

type Entry = { name: string; attributes: string[]; folder: FolderInfo | null };

function entries(folders: FolderInfo[]): Entry[] {
  const byName = new Map(folders.map((f) => [f.name, f]));
  const names = new Set(byName.keys());
  // Parents that do not exist themselves still show, \Noselect, so trees stay navigable.
  for (const f of folders) {
    const parts = f.name.split(HIERARCHY_DELIMITER);
    for (let i = 1; i < parts.length; i++) names.add(parts.slice(0, i).join(HIERARCHY_DELIMITER));
  }
  const all = [...names].sort((a, b) => (a === "INBOX" ? -1 : b === "INBOX" ? 1 : a < b ? -1 : 1));
  return all.map((name) => {
    const folder = byName.get(name) ?? null;
    const hasChildren = all.some((n) => n.startsWith(name + HIERARCHY_DELIMITER));
    const attributes = [hasChildren ? "\\HasChildren" : "\\HasNoChildren"];
    if (!folder) attributes.unshift("\\Noselect");
    return { name, attributes, folder };
  });
}

async function list(session: ImapSession, args: Args, lsub: boolean) {
  let selectSpecialUse = false;
  let selectSubscribed = lsub;
  const selection = lsub ? null : args.optionalList();
  for (const option of selection ?? []) {
    const value = atomValue(option)?.toUpperCase();
    if (value === "SPECIAL-USE") selectSpecialUse = true;
    else if (value === "SUBSCRIBED") selectSubscribed = true;
  }
  const reference = args.astring();
  const patternToken = args.next();
  const patterns: string[] =
    patternToken.type === "list" ? patternToken.items.map(textValue) : [textValue(patternToken)];
  let returnSpecialUse = selectSpecialUse;
  let returnSubscribed = false;
  if (args.remaining > 0 && atomValue(args.peek())?.toUpperCase() === "RETURN") {
    args.next();
    for (const option of args.list() as Token[]) {
      const value = atomValue(option)?.toUpperCase();
      if (value === "SPECIAL-USE") returnSpecialUse = true;
      if (value === "SUBSCRIBED") returnSubscribed = true;
    }
  }
  args.end();
  const verb = lsub ? "LSUB" : "LIST";
  if (patterns.length === 1 && patterns[0] === "") {
    await session.writer.line(`* ${verb} (\\Noselect) "${HIERARCHY_DELIMITER}" ""`);
    return ok(`${verb} completed`);
  }
  const matchers = patterns.map((p) => patternMatcher(reference + p));
  const folders = await listFolders(session.mailbox!.id);
  for (const entry of entries(folders)) {
    if (!matchers.some((m) => m(entry.name))) continue;
    const { folder } = entry;
    if (selectSubscribed && !folder?.subscribed) continue;
    if (selectSpecialUse && !folder?.specialUse) continue;
    const attributes = [...entry.attributes];
    // Without RETURN options a plain LIST carries special-use attributes too (RFC 6154 §2).
    if (folder?.specialUse && (returnSpecialUse || !lsub)) attributes.push(folder.specialUse);
    if ((returnSubscribed || selectSubscribed) && !lsub && folder?.subscribed)
      attributes.push("\\Subscribed");
    await session.writer.line(
      `* ${verb} (${attributes.join(" ")}) "${HIERARCHY_DELIMITER}" ${quoted(entry.name)}`,
    );
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

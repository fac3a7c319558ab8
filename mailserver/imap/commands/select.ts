// SELECT / EXAMINE (RFC 3501 §6.3.1-2), with the CONDSTORE select parameter (RFC 7162).
import { PERMANENT_FLAGS } from "@/lib/server/imap/flags";
import { findFolder } from "@/lib/server/imap/folders";
import { folderSnapshot } from "@/lib/server/imap/folder-state";
import { claimRecent } from "@/lib/server/imap/claim-recent";
import { AUTHENTICATED, no, ok, type ImapCommand } from "../command";
import { SelectedFolder } from "../selected-folder";
import type { ImapSession } from "../session";
import { type Args, ParseError, atomValue } from "../tokens";

async function open(session: ImapSession, args: Args, readOnly: boolean) {
  const name = args.mailbox();
  const params = args.optionalList();
  args.end();
  for (const p of params ?? []) {
    if (atomValue(p)?.toUpperCase() === "CONDSTORE") session.condstore = true;
    else throw new ParseError("Unknown SELECT parameter");
  }
  const hadSelection = session.selected !== null;
  session.selected = null;
  if (session.state === "selected") session.state = "authenticated";
  if (hadSelection) await session.writer.line("* OK [CLOSED] Previous folder closed");
  const mailboxId = session.mailbox!.id;
  const folder = await findFolder(mailboxId, name);
  const snapshot = folder ? await folderSnapshot(folder.id) : null;
  if (!folder || !snapshot) return no("No such folder", "NONEXISTENT");
  const selected = new SelectedFolder(
    folder.id,
    folder.name,
    readOnly,
    snapshot.uidValidity,
    snapshot,
  );
  // SELECT claims what nobody has seen yet; EXAMINE only looks (RFC 3501 §6.3.2).
  const recentFrom = readOnly
    ? snapshot.recentUidFloor
    : await claimRecent(folder.id, snapshot.uidNext);
  for (const m of snapshot.messages) if (m.uid >= recentFrom) selected.recent.add(m.uid);
  const firstUnseen = snapshot.messages.findIndex((m) => !m.flags.includes("\\Seen"));
  const keywords = new Set<string>();
  for (const m of snapshot.messages)
    for (const f of m.flags) if (!f.startsWith("\\")) keywords.add(f);
  const flags = [...PERMANENT_FLAGS, ...keywords].join(" ");
  const lines = [
    `* FLAGS (${flags})`,
    readOnly
      ? "* OK [PERMANENTFLAGS ()] Read-only folder"
      : `* OK [PERMANENTFLAGS (${flags} \\*)] Flags permitted`,
    `* ${snapshot.messages.length} EXISTS`,
    `* ${selected.recent.size} RECENT`,
    ...(firstUnseen >= 0 ? [`* OK [UNSEEN ${firstUnseen + 1}] First unseen`] : []),
    `* OK [UIDVALIDITY ${snapshot.uidValidity}] UIDs valid`,
    `* OK [UIDNEXT ${snapshot.uidNext}] Predicted next UID`,
    `* OK [HIGHESTMODSEQ ${snapshot.highestModseq}] Highest`,
  ];
  for (const line of lines) await session.writer.line(line);
  session.selected = selected;
  session.state = "selected";
  return ok(
    readOnly ? "EXAMINE completed" : "SELECT completed",
    readOnly ? "READ-ONLY" : "READ-WRITE",
  );
}

export const select: ImapCommand = {
  name: "SELECT",
  states: AUTHENTICATED,
  handle: (session, args) => open(session, args, false),
};

export const examine: ImapCommand = {
  name: "EXAMINE",
  states: AUTHENTICATED,
  handle: (session, args) => open(session, args, true),
};

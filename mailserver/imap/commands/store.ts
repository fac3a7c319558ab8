// STORE (RFC 3501 §6.4.6) with CONDSTORE UNCHANGEDSINCE (RFC 7162 §3.1.3).
import { isDatabaseUnavailable } from "@/lib/server/db/is-database-unavailable";
import { storeFlags, type StoreMode } from "@/lib/server/imap/store-flags";
import { no, ok, SELECTED, type ImapCommand } from "../command";
import { compressSet } from "../sequence-set";
import { ParseError, atomValue } from "../tokens";
import { parseFlagList } from "./flag-list";

export const store: ImapCommand = {
  name: "STORE",
  modifiesSelected: true,
  states: SELECTED,
  uidVariant: true,
  holdsExpunges: true,
  async handle(session, args, ctx) {
    const selected = session.selected!;
    const uids = selected.resolve(args.atom(), ctx.uid);
    let unchangedSince: bigint | undefined;
    const modifiers = args.optionalList();
    if (modifiers) {
      if (modifiers.length !== 2 || atomValue(modifiers[0])?.toUpperCase() !== "UNCHANGEDSINCE")
        throw new ParseError("Unknown STORE modifier");
      const value = atomValue(modifiers[1]);
      if (!value || !/^\d+$/.test(value)) throw new ParseError("Invalid UNCHANGEDSINCE");
      unchangedSince = BigInt(value);
      session.condstore = true;
    }
    const item = args.atom().toUpperCase();
    const m = /^([+-]?)FLAGS(\.SILENT)?$/.exec(item);
    if (!m) throw new ParseError("Expected FLAGS, +FLAGS or -FLAGS");
    const flagTokens = args.peek()?.type === "list" ? args.list() : [];
    while (args.remaining > 0) flagTokens.push(args.next());
    const flags = parseFlagList(flagTokens);
    if (selected.readOnly) return no("Folder is read-only", "READ-ONLY");
    const mode: StoreMode = m[1] === "+" ? "add" : m[1] === "-" ? "remove" : "set";
    const result = await storeFlags({
      folderId: selected.folderId,
      uids,
      mode,
      flags,
      unchangedSince,
      knownModseq: selected.highestModseq,
    });
    const silent = !!m[2];
    for (const message of result.messages)
      selected.noteFlags(message.uid, message.flags, message.modseq);
    const lines: string[] = [];
    if (result.changesSince) {
      // Everyone else's changes came with ours: announce them here (expunges only for UID
      // STORE, RFC 3501 §7.4.1), no re-read after the command.
      // Only a \Recent claim for new arrivals can fail here (database gone); the view is then
      // as it was, and the session's own re-read after the command tries again.
      const updates = await selected
        .sync({
          allowExpunge: ctx.uid,
          withModseq: session.condstore,
          vanished: session.qresync,
          feed: session.shared.feed,
          changes: result.changesSince,
        })
        .catch((error: unknown) => {
          if (isDatabaseUnavailable(error)) return undefined;
          throw error;
        });
      if (updates !== undefined) {
        lines.push(...(updates ?? []));
        selected.ownChangeAbsorbed = true;
      }
    } else selected.noteOwnChange(result.folderModseq);
    const changed = new Set(result.changed);
    const modified = new Set(result.modified);
    for (const message of result.messages) {
      const seq = selected.seqOf(message.uid);
      // .SILENT still reports modseq changes to CONDSTORE clients (RFC 7162 §3.2).
      if (!seq || (silent && !(session.condstore && changed.has(message.uid)))) continue;
      if (modified.has(message.uid)) continue;
      const parts = [];
      if (ctx.uid || session.qresync) parts.push(`UID ${message.uid}`); // QRESYNC: always UIDs
      if (!silent) parts.push(`FLAGS ${selected.flagList(message.uid, message.flags)}`);
      if (session.condstore) parts.push(`MODSEQ (${message.modseq})`);
      lines.push(`* ${seq} FETCH (${parts.join(" ")})`);
    }
    if (lines.length > 0) await session.writer.write(lines.join("\r\n") + "\r\n");
    if (result.modified.length > 0) {
      const numbers = ctx.uid
        ? result.modified
        : result.modified.map((uid) => selected.seqOf(uid)).filter((n) => n > 0);
      return ok("Some messages were modified", `MODIFIED ${compressSet(numbers)}`);
    }
    return ok("STORE completed");
  },
};

// SELECT / EXAMINE (RFC 3501 §6.3.1-2), with the CONDSTORE select parameter and QRESYNC's quick
// resynchronisation (RFC 7162 §3.2.5): "* VANISHED (EARLIER)" for what the client still holds but
// was expunged, then FETCH FLAGS/MODSEQ of every message changed since the client's modseq
// (of those among its known UIDs, when it names them).
import { PERMANENT_FLAGS } from "@/lib/server/imap/flags";
import {
  folderSnapshot,
  type FolderSnapshot,
  type MessageState,
} from "@/lib/server/imap/folder-state";
import { snapshotSummary } from "@/lib/server/imap/folder-snapshot-cache";
import { intersectRanges, type UidRange } from "@/lib/server/imap/vanished-uids";
import { claimRecent } from "@/lib/server/imap/claim-recent";
import { snapshotForSelect } from "@/lib/server/imap/snapshot-for-select";
import { AUTHENTICATED, no, ok, type ImapCommand } from "../command";
import { SelectedFolder } from "../selected-folder";
import { formatRanges, parseSequenceSet, uidsInRanges } from "../sequence-set";
import type { ImapSession } from "../session";
import { Args, ParseError, atomValue, type Token } from "../tokens";

type Resync = { uidValidity: number; modseq: bigint; knownUids: UidRange[] | null };

/** (uidvalidity modseq [known-uids [(seq-set uid-set)]]) */
function parseResync(token: Token | undefined): Resync {
  if (token?.type !== "list") throw new ParseError("QRESYNC needs a parameter list");
  const args = new Args(token.items);
  const uidValidity = args.number();
  const modseq = args.modseq();
  const known = args.remaining > 0 && args.peek()?.type === "atom" ? args.atom() : null;
  // Sequence match data only helps servers without expunge history; ours answers exactly or
  // with every missing UID, so it is checked for shape and otherwise not needed.
  const match = args.optionalList();
  if (match) {
    const pair = new Args(match);
    parseSequenceSet(pair.atom(), 1);
    parseSequenceSet(pair.atom(), 1);
    pair.end();
  }
  args.end();
  if (uidValidity === 0) throw new ParseError("Invalid UIDVALIDITY");
  return {
    uidValidity,
    modseq,
    knownUids: known === null ? null : parseSequenceSet(known, 0xffffffff),
  };
}

/** VANISHED (EARLIER), then FETCH of what changed; with known UIDs, only about those. */
async function sendResync(
  session: ImapSession,
  selected: SelectedFolder,
  snapshot: FolderSnapshot,
  resync: Resync,
): Promise<void> {
  const known = resync.knownUids;
  const vanished = known ? intersectRanges(snapshot.vanished, known) : snapshot.vanished;
  if (vanished.length > 0)
    await session.writer.line(`* VANISHED (EARLIER) ${formatRanges(vanished)}`);
  const changed = snapshot.messages.filter((m) => m.modseq > resync.modseq);
  const uids = changed.map((m) => m.uid);
  const reported = new Set(known ? uidsInRanges(known, uids) : uids);
  for (const m of changed) {
    if (!reported.has(m.uid)) continue;
    await session.writer.line(
      `* ${selected.seqOf(m.uid)} FETCH (UID ${m.uid} FLAGS ${selected.flagList(m.uid, m.flags)} MODSEQ (${m.modseq}))`,
    );
  }
}

/** Index of the first message whose UID is at least `uid` (messages ascending by UID). */
function firstAtOrAbove(messages: readonly MessageState[], uid: number): number {
  let lo = 0;
  let hi = messages.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (messages[mid].uid < uid) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

async function open(session: ImapSession, args: Args, readOnly: boolean) {
  const name = args.mailbox();
  const params = args.optionalList();
  args.end();
  let resync: Resync | null = null;
  for (let i = 0; i < (params?.length ?? 0); i++) {
    const param = atomValue(params![i])?.toUpperCase();
    if (param === "CONDSTORE") session.condstore = true;
    else if (param === "QRESYNC") {
      if (!session.qresync) throw new ParseError("QRESYNC is not enabled");
      resync = parseResync(params![++i]);
    } else throw new ParseError("Unknown SELECT parameter");
  }
  const hadSelection = session.selected !== null;
  session.selected = null;
  if (session.state === "selected") session.state = "authenticated";
  if (hadSelection) await session.writer.line("* OK [CLOSED] Previous folder closed");
  const mailboxId = session.mailbox!.id;
  // The listener epoch before the read: what notifications say afterwards is news to this view.
  const epoch = session.shared.changes.epoch;
  // QRESYNC needs the tombstones in the same snapshot: always a full read.
  const snapshot = resync
    ? await folderSnapshot({ mailboxId, name }, { vanishedSince: resync.modseq })
    : await snapshotForSelect({ mailboxId, name }, session.shared.snapshots);
  if (!snapshot) return no("No such folder", "NONEXISTENT");
  const folder = snapshot.folder;
  const selected = new SelectedFolder(
    folder.id,
    folder.name,
    readOnly,
    snapshot.uidValidity,
    snapshot,
  );
  selected.epoch = epoch;
  // SELECT claims what nobody has seen yet; EXAMINE only looks (RFC 3501 §6.3.2). The floor only
  // rises, so once it reaches uidNext a claim would find nothing: no need to ask.
  const recentFrom =
    readOnly || snapshot.recentUidFloor >= snapshot.uidNext
      ? snapshot.recentUidFloor
      : await claimRecent(folder.id, snapshot.uidNext);
  const messages = snapshot.messages;
  for (let i = firstAtOrAbove(messages, recentFrom); i < messages.length; i++)
    selected.recent.add(messages[i].uid);
  const { firstUnseen, keywords } = snapshotSummary(messages);
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
  await session.writer.write(lines.join("\r\n") + "\r\n");
  // A different UIDVALIDITY means the client's cache is void: no resync data (RFC 7162 §3.2.5).
  if (resync && resync.uidValidity === snapshot.uidValidity)
    await sendResync(session, selected, snapshot, resync);
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

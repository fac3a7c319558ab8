// FETCH / UID FETCH (RFC 3501 §6.4.5) with CONDSTORE CHANGEDSINCE and MODSEQ, and QRESYNC's
// VANISHED modifier. Streams message by
// message through the backpressured writer; ENVELOPE/BODYSTRUCTURE come from the stored columns
// when present, otherwise they are computed once and saved.
import {
  fetchMessages,
  saveImapStructure,
  type FetchedMessage,
} from "@/lib/server/imap/fetch-messages";
import { storeFlags } from "@/lib/server/imap/store-flags";
import { intersectRanges, vanishedUids } from "@/lib/server/imap/vanished-uids";
import {
  imapBodySection,
  imapBodyStructure,
  imapEnvelope,
  parseMessage,
  readTopLevelSection,
  type ParsedMessage,
} from "@/lib/server/mime";
import { ok, SELECTED, type ImapCommand } from "../command";
import { formatDateTime } from "../dates";
import { parseFetchItems, type BodyItem, type FetchItem } from "../fetch-items";
import type { Chunk } from "../response-writer";
import { formatRanges, parseSequenceSet } from "../sequence-set";
import type { ImapSession } from "../session";
import { Args, ParseError, type Token } from "../tokens";

const BATCH_WITH_BODY = 50;
const BATCH_METADATA = 500;

type Structure = { envelope: string; body: string; bodyStructure: string };

function structureOf(message: FetchedMessage, parsed: () => ParsedMessage): Structure {
  if (message.imapEnvelope && message.imapBody && message.imapBodyStructure)
    return {
      envelope: message.imapEnvelope,
      body: message.imapBody,
      bodyStructure: message.imapBodyStructure,
    };
  const p = parsed();
  return {
    envelope: imapEnvelope(p),
    body: imapBodyStructure(p, false),
    bodyStructure: imapBodyStructure(p, true),
  };
}

const EMPTY = Buffer.alloc(0);

/**
 * The items in the order they are answered: each simple item once (UID left out when it goes
 * first anyway), every structure and section item as asked.
 */
function itemsToShow(items: FetchItem[], uidFirst: boolean): FetchItem[] {
  const seen = new Set<string>(uidFirst ? ["UID"] : []);
  return items.filter((item) => {
    if (item.kind !== "simple") return true;
    if (seen.has(item.name)) return false;
    seen.add(item.name);
    return true;
  });
}

function sectionBytes(message: FetchedMessage, item: BodyItem, parsed: () => ParsedMessage) {
  const raw = message.raw ?? EMPTY;
  // The whole message goes out as stored, unless it holds NUL bytes, which IMAP4rev1 literals
  // cannot carry: the MIME layer substitutes them. Top-level header sections and TEXT are cut
  // from the bytes without the MIME parse (same bytes, lib/server/mime/top-level-section.ts).
  const whole =
    item.section === "" && !raw.includes(0)
      ? raw
      : item.topLevel
        ? readTopLevelSection(raw, item.topLevel)
        : imapBodySection(parsed(), item.section);
  if (whole === null) return null;
  if (!item.partial) return whole;
  const { start, length } = item.partial;
  return whole.subarray(start, length === null ? undefined : start + length);
}

/** (CHANGEDSINCE modseq [VANISHED]): RFC 7162 §3.1.4.1 and §3.2.6. */
function parseModifiers(tokens: Token[] | null, byUid: boolean, session: ImapSession) {
  let changedSince: bigint | null = null;
  let vanished = false;
  const args = new Args(tokens ?? []);
  while (args.remaining > 0) {
    const name = args.atom().toUpperCase();
    if (name === "CHANGEDSINCE" && changedSince === null) changedSince = args.modseq();
    else if (name === "VANISHED" && !vanished) vanished = true;
    else throw new ParseError("Unknown FETCH modifier");
  }
  if (vanished && (!byUid || !session.qresync || changedSince === null))
    throw new ParseError("VANISHED needs UID FETCH, CHANGEDSINCE and ENABLE QRESYNC");
  return { changedSince, vanished };
}

/** UIDs of the requested set expunged after `since`, as "* VANISHED (EARLIER)". */
async function announceVanished(session: ImapSession, set: string, since: bigint) {
  const selected = session.selected!;
  const requested = parseSequenceSet(set, Math.max(selected.uidNext - 1, 1));
  const gone = intersectRanges(
    await vanishedUids({ folderId: selected.folderId, sinceModseq: since }),
    requested,
  );
  if (gone.length > 0) await session.writer.line(`* VANISHED (EARLIER) ${formatRanges(gone)}`);
}

export const fetch: ImapCommand = {
  name: "FETCH",
  states: SELECTED,
  uidVariant: true,
  holdsExpunges: true,
  async handle(session, args, ctx) {
    const selected = session.selected!;
    const set = args.atom();
    const uids = selected.resolve(set, ctx.uid);
    const items: FetchItem[] = parseFetchItems(args.next());
    const { changedSince, vanished } = parseModifiers(args.optionalList(), ctx.uid, session);
    args.end();
    if (changedSince !== null) session.condstore = true;
    if (vanished) await announceVanished(session, set, changedSince!);
    if (items.some((i) => i.kind === "simple" && i.name === "MODSEQ")) session.condstore = true;
    const wantsBody = items.some((i) => i.kind === "section");
    const wantsStructure = items.some((i) => i.kind === "structure");
    const marksSeen = !selected.readOnly && items.some((i) => i.kind === "section" && !i.peek);
    const wantsFlags = items.some((i) => i.kind === "simple" && i.name === "FLAGS");
    // Top-level header sections alone (the usual list view) need only the header bytes.
    const headersOnly =
      !wantsStructure &&
      items.every((i) => i.kind !== "section" || /^HEADER(\.FIELDS|$)/i.test(i.section));
    const content = !wantsBody && !wantsStructure ? "none" : headersOnly ? "header" : "raw";
    const batch = wantsBody || wantsStructure ? BATCH_WITH_BODY : BATCH_METADATA;
    // QRESYNC clients track messages by UID (VANISHED names no sequence numbers).
    const uidFirst = ctx.uid || session.qresync;
    const shown = itemsToShow(items, uidFirst);

    for (let i = 0; i < uids.length; i += batch) {
      let rows = await fetchMessages({
        folderId: selected.folderId,
        uids: uids.slice(i, i + batch),
        content,
        structure: wantsStructure,
      });
      if (changedSince !== null) rows = rows.filter((r) => r.modseq > changedSince!);
      const seenNow = new Set<number>();
      if (marksSeen) {
        const unseen = rows.filter((r) => !r.flags.includes("\\Seen")).map((r) => r.uid);
        if (unseen.length > 0) {
          const stored = await storeFlags({
            folderId: selected.folderId,
            uids: unseen,
            mode: "add",
            flags: ["\\Seen"],
          });
          for (const m of stored.messages) {
            selected.noteFlags(m.uid, m.flags, m.modseq);
            const row = rows.find((r) => r.uid === m.uid);
            if (row) Object.assign(row, { flags: m.flags, modseq: m.modseq });
            seenNow.add(m.uid);
          }
          selected.noteOwnChange(stored.folderModseq);
        }
      }
      for (const message of rows) {
        const seq = selected.seqOf(message.uid);
        if (!seq) continue;
        let parsedMessage: ParsedMessage | null = null;
        const parsed = () => (parsedMessage ??= parseMessage(message.raw ?? EMPTY));
        // Text up to the next literal, then the literal's bytes: one string per stretch.
        const chunks: Chunk[] = [];
        let text = `* ${seq} FETCH (`;
        let first = true;
        const add = (item: string) => {
          text += first ? item : " " + item;
          first = false;
        };
        if (uidFirst) add(`UID ${message.uid}`);
        let structure: Structure | null = null;
        for (const item of shown) {
          if (item.kind === "simple") {
            if (item.name === "UID") add(`UID ${message.uid}`);
            else if (item.name === "FLAGS")
              add(`FLAGS ${selected.flagList(message.uid, message.flags)}`);
            else if (item.name === "INTERNALDATE")
              add(`INTERNALDATE ${formatDateTime(message.internalDate)}`);
            else if (item.name === "RFC822.SIZE") add(`RFC822.SIZE ${message.size}`);
          } else if (item.kind === "structure") {
            if (!structure) {
              const cached = !!(
                message.imapEnvelope &&
                message.imapBody &&
                message.imapBodyStructure
              );
              structure = structureOf(message, parsed);
              if (!cached)
                await saveImapStructure({
                  folderId: selected.folderId,
                  uid: message.uid,
                  imapEnvelope: structure.envelope,
                  imapBody: structure.body,
                  imapBodyStructure: structure.bodyStructure,
                });
            }
            const value =
              item.name === "ENVELOPE"
                ? structure.envelope
                : item.name === "BODY"
                  ? structure.body
                  : structure.bodyStructure;
            add(`${item.name} ${value}`);
          } else {
            const bytes = sectionBytes(message, item, parsed);
            if (bytes === null) add(`${item.label} NIL`);
            else {
              add(`${item.label} {${bytes.length}}\r\n`);
              chunks.push(text, bytes);
              text = "";
            }
          }
        }
        if (seenNow.has(message.uid) && !wantsFlags)
          add(`FLAGS ${selected.flagList(message.uid, message.flags)}`);
        if (session.condstore) add(`MODSEQ (${message.modseq})`);
        chunks.push(text + ")\r\n");
        await session.writer.write(...chunks);
      }
    }
    return ok("FETCH completed");
  },
};

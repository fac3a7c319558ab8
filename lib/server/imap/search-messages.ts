// IMAP SEARCH evaluation (RFC 3501 §6.4.4, CONDSTORE MODSEQ). The door parses the search program
// and resolves sequence sets to UIDs; this evaluates it over the folder, parsing MIME only when a
// key needs headers or text.
import { db } from "@/lib/server/db/client";
import {
  bodyText,
  headerText,
  headerValues,
  parseMessage,
  sentDay,
  type ParsedMessage,
} from "@/lib/server/mime";
import { asBuffer, contentColumn, type MessageContent } from "./message-content-sql";

export type DateOp = "before" | "on" | "since";

export type SearchKey =
  | { kind: "all" }
  | { kind: "none" }
  | { kind: "and"; keys: SearchKey[] }
  | { kind: "or"; left: SearchKey; right: SearchKey }
  | { kind: "not"; key: SearchKey }
  | { kind: "uids"; uids: number[] }
  | { kind: "flag"; flag: string; present: boolean }
  | { kind: "internalDate"; op: DateOp; date: Date }
  | { kind: "sentDate"; op: DateOp; date: Date }
  | { kind: "size"; op: "larger" | "smaller"; bytes: number }
  | { kind: "header"; name: string; value: string }
  | { kind: "body"; value: string }
  | { kind: "text"; value: string }
  | { kind: "modseq"; min: bigint };

type Candidate = {
  uid: number;
  flags: string[];
  modseq: bigint;
  internalDate: Date;
  size: number;
  raw?: Buffer;
  parsed?: ParsedMessage;
  /** Lower-cased bytes without line breaks, when plain ASCII (see headerCannotContain). */
  plainText?: string | null;
};

const BATCH = 200;
const HEADER_BATCH = 1000;

/** What of the message the key looks at: header keys are answered from the header bytes alone. */
function contentFor(key: SearchKey): MessageContent {
  switch (key.kind) {
    case "and":
      return key.keys.map(contentFor).reduce(wider, "none");
    case "or":
      return wider(contentFor(key.left), contentFor(key.right));
    case "not":
      return contentFor(key.key);
    case "sentDate":
    case "header":
      return "header";
    case "body":
    case "text":
      return "raw";
    default:
      return "none";
  }
}

const RANK: Record<MessageContent, number> = { none: 0, header: 1, raw: 2 };
const wider = (a: MessageContent, b: MessageContent) => (RANK[a] >= RANK[b] ? a : b);

/** Days since epoch of the date as written (RFC 3501 ignores time and zone). */
const dayOf = (d: Date) => Math.floor(d.getTime() / 86_400_000);

function compareDay(actual: Date | null, op: DateOp, wanted: Date): boolean {
  if (!actual) return false;
  const a = dayOf(actual);
  const w = dayOf(wanted);
  return op === "before" ? a < w : op === "on" ? a === w : a >= w;
}

const contains = (haystack: string, needle: string) =>
  haystack.toLowerCase().includes(needle.toLowerCase());

function parsed(m: Candidate): ParsedMessage {
  m.parsed ??= parseMessage(m.raw ?? Buffer.alloc(0));
  return m.parsed;
}

function matches(m: Candidate, key: SearchKey): boolean {
  switch (key.kind) {
    case "all":
      return true;
    case "none":
      return false;
    case "and":
      return key.keys.every((k) => matches(m, k));
    case "or":
      return matches(m, key.left) || matches(m, key.right);
    case "not":
      return !matches(m, key.key);
    case "uids":
      return key.uids.includes(m.uid);
    case "flag":
      return m.flags.includes(key.flag) === key.present;
    case "internalDate":
      return compareDay(m.internalDate, key.op, key.date);
    case "sentDate":
      return compareDay(sentDay(parsed(m)), key.op, key.date);
    case "size":
      return key.op === "larger" ? m.size > key.bytes : m.size < key.bytes;
    case "header": {
      if (headerCannotContain(m, key.value)) return false;
      const values = headerValues(parsed(m), key.name);
      // HEADER name "" matches every message that has the field at all.
      return values.length > 0 && values.some((v) => contains(v, key.value));
    }
    case "body":
      return contains(bodyText(parsed(m)), key.value);
    case "text":
      return contains(headerText(parsed(m)), key.value) || contains(bodyText(parsed(m)), key.value);
    case "modseq":
      return m.modseq >= key.min;
  }
}

/**
 * Exact shortcut for HEADER/FROM/SUBJECT/…: a decoded header value is its raw bytes unfolded (line
 * breaks removed) with encoded words decoded. Bytes that are plain ASCII without "=?" decode to
 * themselves, so a printable-ASCII needle missing from them (case-insensitively, line breaks
 * removed) cannot be in any of the message's header values: no MIME parse needed.
 */
function headerCannotContain(m: Candidate, needle: string): boolean {
  if (!m.raw || !/^[\x21-\x7e]+$/.test(needle)) return false;
  if (m.plainText === undefined) {
    const text = m.raw.toString("latin1");
    m.plainText =
      /[\u0080-\u00ff]/.test(text) || text.includes("=?")
        ? null
        : text.replace(/[\r\n]/g, "").toLowerCase();
  }
  return m.plainText !== null && !m.plainText.includes(needle.toLowerCase());
}

/** UIDs (ascending) among `uids` matching `key`. */
export async function searchMessages(options: {
  folderId: number;
  uids: number[];
  key: SearchKey;
}): Promise<number[]> {
  const content = contentFor(options.key);
  const batch = content === "raw" ? BATCH : content === "header" ? HEADER_BATCH : 10_000;
  const result: number[] = [];
  const uids = [...options.uids].sort((a, b) => a - b);
  for (let i = 0; i < uids.length; i += batch) {
    const slice = uids.slice(i, i + batch);
    const rows = await db().$queryRaw<
      Array<Omit<Candidate, "raw"> & { content: Uint8Array | null }>
    >`
      SELECT uid, flags, modseq, "internalDate", size, ${contentColumn(content)}
      FROM "Message"
      WHERE "folderId" = ${options.folderId} AND uid = ANY(${slice}::int[])
      ORDER BY uid`;
    for (const { content: bytes, ...row } of rows) {
      const candidate: Candidate = { ...row, raw: asBuffer(bytes) ?? undefined };
      if (matches(candidate, options.key)) result.push(row.uid);
    }
  }
  return result;
}

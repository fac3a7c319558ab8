// IMAP SEARCH evaluation (RFC 3501 §6.4.4, CONDSTORE MODSEQ). The door parses the search program
// and resolves sequence sets to UIDs; this evaluates it over the folder: in one SQL statement
// when every key is answerable from columns (header keys through the stored "searchHeaders"),
// else in Node, parsing MIME only when a key needs headers or text. The Node evaluation is also
// the fallback for rows stored before "searchHeaders" existed, and the oracle the SQL path is
// tested against (tests/imap/search-sql-equivalence.test.ts).
import { db, pgPool } from "@/lib/server/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  bodyText,
  headerText,
  headerValues,
  parseMessage,
  sentDay,
  type ParsedMessage,
} from "@/lib/server/mime";
import { fillSearchHeaders } from "./fill-search-headers";
import { asBuffer, contentColumn, type MessageContent } from "./message-content-sql";
import { compileSearch } from "./search-sql";

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

type SearchOptions = { folderId: number; uids: number[]; key: SearchKey };

/** UIDs (ascending) among `uids` matching `key`. */
export async function searchMessages(options: SearchOptions): Promise<number[]> {
  const compiled = compileSearch(options.key);
  if (!compiled) return searchMessagesInNode(options);
  // Rows without stored header entries come back too (legacy) when the program reads them.
  const condition = compiled.usesHeaders
    ? Prisma.sql`("searchHeaders" IS NULL OR ${compiled.where})`
    : compiled.where;
  const query = Prisma.sql`
    SELECT uid, ${compiled.usesHeaders ? Prisma.sql`"searchHeaders" IS NULL` : Prisma.sql`FALSE`} AS legacy
    FROM "Message"
    WHERE "folderId" = ${options.folderId} AND uid = ANY(${options.uids}::int[]) AND ${condition}`;
  const { rows } = await pgPool().query<{ uid: number; legacy: boolean }>(query.text, query.values);
  const found = rows.filter((r) => !r.legacy).map((r) => r.uid);
  const legacy = rows.filter((r) => r.legacy).map((r) => r.uid);
  if (legacy.length > 0) {
    found.push(...(await searchMessagesInNode({ ...options, uids: legacy })));
    // Stored now, so the next SEARCH answers these rows in SQL too.
    await fillSearchHeaders({ folderId: options.folderId, uids: legacy });
  }
  return found.sort((a, b) => a - b);
}

/** The evaluation in Node over the message bytes: same answer, no stored entries needed. */
export async function searchMessagesInNode(options: SearchOptions): Promise<number[]> {
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

// The MIME tree of a message as byte ranges into the raw message (RFC 2045/2046), so that
// BODY[section] can hand out exact bytes. Multipart bodies are split on delimiter lines the way
// Dovecot does: a line starting with "--" + boundary of the part or of any enclosing multipart
// (longest match wins, innermost on ties), so a missing close delimiter or a stray inner
// boundary cannot swallow the rest of the message. Depth and part count are capped.
import { firstField, fieldText, parseHeader, type HeaderField } from "./header";
import {
  parameter,
  parseContentType,
  parseDisposition,
  parseLanguages,
  type ContentType,
  type Disposition,
} from "./mime-header-values";

export type MimeEntity = {
  /** First byte of the entity's header (MIME header of a part, or the message header). */
  start: number;
  bodyStart: number;
  /** End of the entity's content (excludes the line break before the next delimiter). */
  end: number;
  /** Start of the delimiter line that ended this entity, or the message length. */
  next: number;
  fields: HeaderField[];
  /** Content-Type as written, or the default (text/plain, message/rfc822 in a digest). */
  contentType: ContentType;
  /** True when there was no usable Content-Type header. */
  defaultedType: boolean;
  encoding: string;
  id: string | null;
  description: string | null;
  md5: string | null;
  disposition: Disposition | null;
  languages: string[];
  location: string | null;
  /** Parts of a multipart entity (null when it was not split as a multipart). */
  children: MimeEntity[] | null;
  /** The encapsulated message of a message/rfc822 entity. */
  message: MimeEntity | null;
};

export type MimeTree = { raw: Buffer; root: MimeEntity };

/** Dovecot's limit for MIME nesting; deeper parts are kept as opaque leaves. */
export const MAX_DEPTH = 50;
/** More parts than this are not split any further (the rest counts as epilogue). */
export const MAX_PARTS = 10_000;

type Context = { raw: Buffer; parts: number };

type Delimiter = { lineStart: number; lineEnd: number; level: number; close: boolean };

const TEXT_PLAIN: ContentType = { type: "text", subtype: "plain", params: [] };
const MESSAGE_RFC822: ContentType = { type: "message", subtype: "rfc822", params: [] };
const DASH = 0x2d;
const LF = 0x0a;

export function parseMimeTree(raw: Buffer): MimeTree {
  const context: Context = { raw, parts: 0 };
  return { raw, root: parseEntity(context, 0, [], 0, TEXT_PLAIN) };
}

function parseEntity(
  context: Context,
  start: number,
  boundaries: Buffer[],
  depth: number,
  defaultType: ContentType,
): MimeEntity {
  const { raw } = context;
  context.parts++;
  const header = parseHeader(raw, start, raw.length, (lineStart) =>
    boundaries.length === 0 ? false : delimiterAt(raw, lineStart, boundaries) !== null,
  );
  const entity = describe(raw, start, header.fields, header.bodyStart, defaultType);
  const deeper = depth < MAX_DEPTH && context.parts < MAX_PARTS;
  const boundary = entity.children ? parameter(entity.contentType.params, "boundary") : null;
  const ownBoundaries = boundary && deeper ? [...boundaries, Buffer.from(boundary, "utf8")] : null;
  let stopAt = header.delimiterAt;
  if (stopAt === null && header.emptyLineAt !== null && boundaries.length > 0) {
    // An enclosing delimiter right after the empty line: that line break belongs to the
    // delimiter (RFC 2046 §5.1.1), so the header ends before it and there is no body.
    const next = delimiterAt(raw, header.bodyStart, ownBoundaries ?? boundaries);
    if (next && next.level < boundaries.length) {
      entity.bodyStart = header.emptyLineAt;
      stopAt = header.bodyStart;
    }
  }
  if (stopAt !== null) {
    entity.end = entity.bodyStart;
    entity.next = stopAt;
    if (isMessage(entity)) entity.message = emptyEntity(entity.bodyStart);
    else if (entity.children) entity.children = [];
    return entity;
  }
  if (ownBoundaries) {
    splitMultipart(context, entity, ownBoundaries, depth);
    return entity;
  }
  entity.children = null;
  if (isMessage(entity) && deeper) {
    const message = parseEntity(context, entity.bodyStart, boundaries, depth + 1, TEXT_PLAIN);
    entity.message = message;
    entity.end = message.end;
    entity.next = message.next;
    return entity;
  }
  const delimiter = findDelimiter(raw, entity.bodyStart, boundaries);
  entity.next = delimiter ? delimiter.lineStart : raw.length;
  entity.end = delimiter ? contentEnd(raw, delimiter.lineStart, entity.bodyStart) : raw.length;
  return entity;
}

function splitMultipart(
  context: Context,
  entity: MimeEntity,
  boundaries: Buffer[],
  depth: number,
): void {
  const { raw } = context;
  const own = boundaries.length - 1;
  const childType =
    entity.contentType.subtype.toLowerCase() === "digest" ? MESSAGE_RFC822 : TEXT_PLAIN;
  const children: MimeEntity[] = [];
  entity.children = children;
  let delimiter = findDelimiter(raw, entity.bodyStart, boundaries);
  while (delimiter) {
    if (delimiter.level < own) {
      entity.end = contentEnd(raw, delimiter.lineStart, entity.bodyStart);
      entity.next = delimiter.lineStart;
      return;
    }
    if (delimiter.close || context.parts >= MAX_PARTS) {
      // Epilogue: runs until a delimiter of an enclosing multipart. The close delimiter's
      // own line break stays in this part even when an outer delimiter follows at once
      // (Dovecot does the same).
      const outer = findDelimiter(raw, delimiter.lineEnd, boundaries.slice(0, own));
      entity.end = outer ? contentEnd(raw, outer.lineStart, delimiter.lineEnd) : raw.length;
      entity.next = outer ? outer.lineStart : raw.length;
      return;
    }
    const child = parseEntity(context, delimiter.lineEnd, boundaries, depth + 1, childType);
    children.push(child);
    delimiter = child.next < raw.length ? findDelimiter(raw, child.next, boundaries) : null;
  }
  entity.end = raw.length;
  entity.next = raw.length;
}

/** The content ends before the line break that precedes a delimiter line. */
function contentEnd(raw: Buffer, lineStart: number, floor: number): number {
  let end = lineStart;
  if (end > floor && raw[end - 1] === LF) end--;
  if (end > floor && raw[end - 1] === 0x0d) end--;
  return end;
}

/** Which boundary (index into boundaries) the line at lineStart delimits, if any. */
function delimiterAt(raw: Buffer, lineStart: number, boundaries: Buffer[]): Delimiter | null {
  if (raw[lineStart] !== DASH || raw[lineStart + 1] !== DASH) return null;
  const at = lineStart + 2;
  let level = -1;
  for (let i = boundaries.length - 1; i >= 0; i--) {
    const boundary = boundaries[i]!;
    if (level >= 0 && boundary.length <= boundaries[level]!.length) continue;
    if (at + boundary.length > raw.length) continue;
    if (raw.compare(boundary, 0, boundary.length, at, at + boundary.length) === 0) level = i;
  }
  if (level < 0) return null;
  const after = at + boundaries[level]!.length;
  const newline = raw.indexOf(LF, after);
  return {
    lineStart,
    lineEnd: newline < 0 ? raw.length : newline + 1,
    level,
    close: raw[after] === DASH && raw[after + 1] === DASH,
  };
}

/** The first delimiter line at or after `from` (which must be the start of a line). */
function findDelimiter(raw: Buffer, from: number, boundaries: Buffer[]): Delimiter | null {
  if (boundaries.length === 0) return null;
  let lineStart = from;
  while (lineStart < raw.length) {
    const delimiter = delimiterAt(raw, lineStart, boundaries);
    if (delimiter) return delimiter;
    const candidate = raw.indexOf("\n--", lineStart, "latin1");
    if (candidate < 0) return null;
    lineStart = candidate + 1;
  }
  return null;
}

function isMessage(entity: MimeEntity): boolean {
  if (entity.contentType.type.toLowerCase() !== "message") return false;
  if (entity.contentType.subtype.toLowerCase() !== "rfc822") return false;
  // RFC 2046 §5.2.1: only 7bit, 8bit or binary; an encoded message is kept opaque.
  const encoding = entity.encoding.toLowerCase();
  return encoding !== "base64" && encoding !== "quoted-printable";
}

/**
 * An empty text/plain entity at a position: the body of an empty message/rfc822 part, or the
 * stand-in part 1 of a multipart without parts (BODYSTRUCTURE must show one).
 */
export function emptyEntity(at: number): MimeEntity {
  return describe(Buffer.alloc(0), at, [], at, TEXT_PLAIN, at);
}

function describe(
  raw: Buffer,
  start: number,
  fields: HeaderField[],
  bodyStart: number,
  defaultType: ContentType,
  end = raw.length,
): MimeEntity {
  const text = (name: string): string | null => {
    const field = firstField(fields, name);
    return field ? fieldText(raw, field).trim() : null;
  };
  const typeText = text("content-type");
  const declared = typeText === null ? null : parseContentType(typeText);
  const contentType = declared ?? defaultType;
  const dispositionText = text("content-disposition");
  const languageText = text("content-language");
  const location = text("content-location");
  return {
    start,
    bodyStart,
    end,
    next: end,
    fields,
    contentType,
    defaultedType: declared === null,
    encoding: parseEncoding(text("content-transfer-encoding")),
    id: text("content-id"),
    description: text("content-description"),
    md5: text("content-md5"),
    disposition: dispositionText === null ? null : parseDisposition(dispositionText),
    languages: languageText === null ? [] : parseLanguages(languageText),
    // RFC 2557 §4.2: whitespace inside a folded Content-Location is not part of the URI.
    location: location === null ? null : location.replace(/[ \t]/g, ""),
    children: contentType.type.toLowerCase() === "multipart" ? [] : null,
    message: null,
  };
}

function parseEncoding(text: string | null): string {
  if (text === null) return "7bit";
  const token = /^[^\s();]+/.exec(text.replace(/^\s*(\([^)]*\)\s*)*/, ""));
  return token ? token[0] : "7bit";
}

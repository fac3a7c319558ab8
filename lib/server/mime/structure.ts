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
  parseTransferEncoding,
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
  /** True when there was no Content-Type header (or it did not count). */
  defaultedType: boolean;
  /**
   * The entity ends right at the delimiter line, keeping the line break before it: it has no
   * body (its header ran into the delimiter), or its last part or encapsulated message is such
   * an entity. Dovecot takes that line break away from a body only, never from enclosing parts.
   */
  endsAtDelimiter: boolean;
  encoding: string;
  id: string | null;
  description: string | null;
  md5: string | null;
  disposition: Disposition | null;
  languages: string[];
  location: string | null;
  /** Parts of a multipart entity (empty when it has no boundary or is nested too deep). */
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
  return { raw, root: parseEntity(context, 0, [], 0, TEXT_PLAIN, "message") };
}

/**
 * One entity: a message ("message": the top level or the content of a message/rfc822 part)
 * or a part of a multipart ("part"). It ends at the first line that delimits one of the
 * enclosing multiparts (`boundaries`), or at the end of the message.
 */
function parseEntity(
  context: Context,
  start: number,
  boundaries: Buffer[],
  depth: number,
  defaultType: ContentType,
  kind: "message" | "part",
): MimeEntity {
  const { raw } = context;
  context.parts++;
  // A header that runs into a delimiter gives its last line break to the delimiter.
  const header = parseHeader(
    raw,
    start,
    raw.length,
    (lineStart) => boundaries.length > 0 && delimiterAt(raw, lineStart, boundaries) !== null,
  );
  const entity = describe(raw, start, header.fields, header.bodyStart, defaultType, kind);
  const deeper = depth < MAX_DEPTH && context.parts < MAX_PARTS;
  const boundary = entity.children ? parameter(entity.contentType.params, "boundary") : null;
  const ownBoundaries =
    boundary !== null && deeper ? [...boundaries, Buffer.from(boundary, "utf8")] : null;
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
    entity.endsAtDelimiter = true;
    if (isMessage(entity)) entity.message = emptyEntity(entity.bodyStart);
    return entity;
  }
  if (ownBoundaries) {
    splitMultipart(context, entity, ownBoundaries, depth);
    return entity;
  }
  if (isMessage(entity) && deeper) {
    const message = parseEntity(
      context,
      entity.bodyStart,
      boundaries,
      depth + 1,
      TEXT_PLAIN,
      "message",
    );
    entity.message = message;
    entity.endsAtDelimiter = message.endsAtDelimiter;
    entity.end = message.endsAtDelimiter ? message.next : message.end;
    entity.next = message.next;
    return entity;
  }
  // A leaf, a multipart without boundary, or an entity nested too deep to be split further.
  const delimiter = findDelimiter(raw, entity.bodyStart, boundaries);
  entity.next = delimiter ? delimiter.lineStart : raw.length;
  entity.end = delimiter ? contentEnd(raw, delimiter.lineStart, entity.bodyStart) : raw.length;
  if (isMessage(entity)) {
    const opaque = describe(raw, entity.bodyStart, [], entity.bodyStart, TEXT_PLAIN, "message");
    opaque.end = entity.end;
    entity.message = opaque;
  }
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
      const last = children[children.length - 1];
      entity.endsAtDelimiter = last?.endsAtDelimiter === true && last.next === delimiter.lineStart;
      entity.end = entity.endsAtDelimiter
        ? delimiter.lineStart
        : contentEnd(raw, delimiter.lineStart, entity.bodyStart);
      entity.next = delimiter.lineStart;
      return;
    }
    if (delimiter.close || context.parts >= MAX_PARTS) {
      // Epilogue: runs until a delimiter of an enclosing multipart. The close delimiter's
      // own line break stays in this part even when an outer delimiter follows at once
      // (Dovecot does the same).
      const outer = findDelimiter(raw, delimiter.lineEnd, boundaries.slice(0, own));
      entity.end = outer ? contentEnd(raw, outer.lineStart, delimiter.lineEnd) : raw.length;
      entity.endsAtDelimiter = outer !== null && entity.end === outer.lineStart;
      entity.next = outer ? outer.lineStart : raw.length;
      return;
    }
    const child = parseEntity(context, delimiter.lineEnd, boundaries, depth + 1, childType, "part");
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
  // Parsed as a message whatever its Content-Transfer-Encoding: RFC 3501's body-type-msg
  // grammar gives every message/rfc822 an envelope and a body, and Dovecot does the same.
  return (
    entity.contentType.type.toLowerCase() === "message" &&
    entity.contentType.subtype.toLowerCase() === "rfc822"
  );
}

/**
 * An empty text/plain entity at a position: the body of an empty message/rfc822 part, or the
 * stand-in part 1 of a multipart without parts (BODYSTRUCTURE must show one).
 */
export function emptyEntity(at: number): MimeEntity {
  const entity = describe(Buffer.alloc(0), at, [], at, TEXT_PLAIN, "part");
  entity.end = at;
  entity.next = at;
  return entity;
}

function describe(
  raw: Buffer,
  start: number,
  fields: HeaderField[],
  bodyStart: number,
  defaultType: ContentType,
  kind: "message" | "part",
): MimeEntity {
  // A message's Content-* fields count only when it declares itself MIME (MIME-Version, or a
  // Content-Type as Dovecot accepts too, RFC 2045 §4); a multipart's parts always are.
  const mime =
    kind === "part" ||
    firstField(fields, "mime-version") !== null ||
    firstField(fields, "content-type") !== null;
  const text = (name: string): string | null => {
    const field = mime ? firstField(fields, name) : null;
    return field ? fieldText(raw, field) : null;
  };
  /** The first occurrence of a field that reads as something. */
  const firstRead = <T>(name: string, read: (text: string) => T | null): T | null => {
    for (const field of mime ? fields : []) {
      const value = field.lowerName === name ? read(fieldText(raw, field)) : null;
      if (value !== null) return value;
    }
    return null;
  };
  const typeText = text("content-type");
  const contentType = typeText === null ? defaultType : parseContentType(typeText);
  // Repeated fields, as Dovecot reads them: Content-Type, -ID, -Description, -MD5 and
  // -Location count once, the first; Content-Transfer-Encoding and Content-Language the first
  // that reads as something; Content-Disposition the first with parameters, else the last.
  let disposition: Disposition | null = null;
  for (const field of mime ? fields : []) {
    if (field.lowerName !== "content-disposition") continue;
    if (disposition && disposition.params.length > 0) break;
    disposition = parseDisposition(fieldText(raw, field)) ?? disposition;
  }

  return {
    start,
    bodyStart,
    end: raw.length,
    next: raw.length,
    endsAtDelimiter: false,
    fields,
    contentType,
    defaultedType: typeText === null,
    encoding: firstRead("content-transfer-encoding", parseTransferEncoding) ?? "7bit",
    id: text("content-id"),
    description: text("content-description"),
    md5: text("content-md5"),
    disposition,
    languages:
      firstRead("content-language", (value) => {
        const tags = parseLanguages(value);
        return tags.length > 0 ? tags : null;
      }) ?? [],
    location: text("content-location"),
    children: contentType.type.toLowerCase() === "multipart" ? [] : null,
    message: null,
  };
}

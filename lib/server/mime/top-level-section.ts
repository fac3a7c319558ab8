// BODY[HEADER], BODY[HEADER.FIELDS (…)], BODY[HEADER.FIELDS.NOT (…)] and BODY[TEXT] of the
// message itself, straight from the raw bytes: one scan of the header lines, field names compared
// as bytes, no MIME parse and no object per field. A mail client's list view asks for exactly
// these, 50 messages at a time. The answer is byte for byte what bodySection gives after the full
// parse (tests/mime/top-level-section.property.test.ts holds the two side by side): the header
// ends at the first empty line (LF or CRLF) or at the end of the bytes, a line starting with a
// blank continues the field before it, a line without a colon is a field without a name (never
// selected), and past MAX_FIELDS fields every further line belongs to the last one.
import { parseSection } from "./body-section";
import { MAX_FIELDS } from "./header";

export type TopLevelSection =
  | { kind: "header" | "text" }
  /** Wanted names as lower-case ASCII bytes. */
  | { kind: "fields"; not: boolean; names: Buffer[] };

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;
const CRLF = Buffer.from("\r\n");

/**
 * The section in the form readTopLevelSection takes, or null when it needs the MIME parse: a part
 * number, MIME, the whole message (no parse needed either), or a field name that is not printable
 * ASCII (those are compared the way String.toLowerCase compares them, not byte by byte).
 */
export function topLevelSection(section: string): TopLevelSection | null {
  const parsed = parseSection(section);
  if (!parsed || parsed.path.length > 0) return null;
  const selection = parsed.selection;
  if (selection.kind === "header" || selection.kind === "text") return { kind: selection.kind };
  if (selection.kind !== "fields") return null;
  const names: Buffer[] = [];
  for (const name of selection.names) {
    if (!/^[\x21-\x7e]+$/.test(name)) {
      if (name === "") continue; // matches no field: nameless fields are never selected
      return null;
    }
    names.push(Buffer.from(name, "latin1"));
  }
  return { kind: "fields", not: selection.not, names };
}

/** The section's bytes, NUL bytes turned into 0x80 as imapBodySection does. */
export function readTopLevelSection(raw: Buffer, section: TopLevelSection): Buffer {
  const bytes =
    section.kind === "fields"
      ? selectFields(raw, section.names, section.not)
      : section.kind === "header"
        ? raw.subarray(0, headerEnd(raw))
        : raw.subarray(headerEnd(raw));
  if (!bytes.includes(0)) return bytes;
  const copy = Buffer.from(bytes);
  for (let i = copy.indexOf(0); i >= 0; i = copy.indexOf(0, i + 1)) copy[i] = 0x80;
  return copy;
}

/** Where the body starts: after the first empty line, or the end of the bytes. */
function headerEnd(raw: Buffer): number {
  let position = 0;
  while (position < raw.length) {
    const empty = emptyLineLength(raw, position);
    if (empty > 0) return position + empty;
    const newline = raw.indexOf(LF, position);
    position = newline < 0 ? raw.length : newline + 1;
  }
  return raw.length;
}

function emptyLineLength(raw: Buffer, position: number): number {
  if (raw[position] === LF) return 1;
  if (raw[position] === CR && raw[position + 1] === LF) return 2;
  return 0;
}

function selectFields(raw: Buffer, names: Buffer[], not: boolean): Buffer {
  const chunks: Buffer[] = [];
  let fields = 0;
  let fieldStart = -1;
  let fieldEnd = 0;
  let selected = false;
  const close = () => {
    if (fieldStart < 0 || !selected) return;
    chunks.push(raw.subarray(fieldStart, fieldEnd));
    if (raw[fieldEnd - 1] !== LF) chunks.push(CRLF);
  };
  let position = 0;
  while (position < raw.length) {
    if (emptyLineLength(raw, position) > 0) break;
    const newline = raw.indexOf(LF, position);
    const next = newline < 0 ? raw.length : newline + 1;
    const byte = raw[position];
    if (fields > 0 && (byte === 0x20 || byte === 0x09 || fields >= MAX_FIELDS)) {
      fieldEnd = next;
    } else {
      close();
      fields++;
      fieldStart = position;
      fieldEnd = next;
      const nameLength = fieldNameLength(raw, position, next);
      selected = nameLength > 0 && matches(raw, position, nameLength, names) !== not;
    }
    position = next;
  }
  close();
  chunks.push(CRLF);
  return Buffer.concat(chunks);
}

/** Length of the name before the colon of the line's first line, blanks trimmed; 0 if none. */
function fieldNameLength(raw: Buffer, start: number, next: number): number {
  let lineEnd = next;
  if (lineEnd > start && raw[lineEnd - 1] === LF) lineEnd--;
  if (lineEnd > start && raw[lineEnd - 1] === CR) lineEnd--;
  let colon = start;
  while (colon < lineEnd && raw[colon] !== COLON) colon++;
  if (colon === lineEnd) return 0;
  let nameEnd = colon;
  while (nameEnd > start && (raw[nameEnd - 1] === 0x20 || raw[nameEnd - 1] === 0x09)) nameEnd--;
  return nameEnd - start;
}

/** ASCII case-insensitive: a byte of 0x80 or more never equals an ASCII name character. */
function matches(raw: Buffer, start: number, length: number, names: Buffer[]): boolean {
  outer: for (const name of names) {
    if (name.length !== length) continue;
    for (let i = 0; i < length; i++) {
      let byte = raw[start + i]!;
      if (byte >= 0x41 && byte <= 0x5a) byte += 0x20;
      if (byte !== name[i]) continue outer;
    }
    return true;
  }
  return false;
}

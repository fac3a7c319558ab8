// The header block of a message or MIME part as byte ranges (RFC 5322 §2.2). The header ends
// at the first empty line; without one it runs to the end of the entity (Dovecot does the same
// and so keeps body-looking lines of a broken message in the header). Lines end in LF or CRLF.
import { decodeRawText } from "./text-decoding";

export type HeaderField = {
  /** Field name as written ("" for a line without a colon). */
  name: string;
  lowerName: string;
  /** First byte of the field. */
  start: number;
  /** Byte after the field's last line break (or the end of the header). */
  end: number;
  /** First byte of the value: after the colon and the blanks on the first line. */
  valueStart: number;
  /** End of the value: before the last line break. */
  valueEnd: number;
};

export type HeaderBlock = {
  fields: HeaderField[];
  /** Where the body starts: after the empty line, or the end of the header when there is none. */
  bodyStart: number;
  /** Start of the empty line that ended the header, if one did. */
  emptyLineAt: number | null;
  /**
   * Set when the header ran into a multipart delimiter line: the entity ends here (the line
   * break before a delimiter belongs to the delimiter, RFC 2046 §5.1.1) and has no body.
   */
  delimiterAt: number | null;
};

/** More fields than this are folded into the last one, so memory stays bounded. */
export const MAX_FIELDS = 5_000;

const LF = 0x0a;
const CR = 0x0d;

function isBlank(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x09;
}

function lineBreakLength(raw: Buffer, lineStart: number): number {
  if (raw[lineStart] === LF) return 1;
  if (raw[lineStart] === CR && raw[lineStart + 1] === LF) return 2;
  return 0;
}

/** The end of the value: the field's end without its final line break. */
function trimLineBreak(raw: Buffer, start: number, end: number): number {
  let position = end;
  if (position > start && raw[position - 1] === LF) position--;
  if (position > start && raw[position - 1] === CR) position--;
  return position;
}

export function parseHeader(
  raw: Buffer,
  start: number,
  limit: number,
  isDelimiterLine: (lineStart: number) => boolean,
): HeaderBlock {
  const fields: HeaderField[] = [];
  let position = start;
  while (position < limit) {
    if (isDelimiterLine(position)) {
      const end = trimLineBreak(raw, start, position);
      closeLastField(raw, fields, end);
      return { fields, bodyStart: end, emptyLineAt: null, delimiterAt: position };
    }
    const newline = raw.indexOf(LF, position);
    const next = newline < 0 || newline >= limit ? limit : newline + 1;
    const emptyLine = lineBreakLength(raw, position);
    if (emptyLine > 0) {
      return { fields, bodyStart: position + emptyLine, emptyLineAt: position, delimiterAt: null };
    }
    const last = fields[fields.length - 1];
    if (last && (isBlank(raw[position]) || fields.length >= MAX_FIELDS)) {
      last.end = next;
      last.valueEnd = trimLineBreak(raw, last.valueStart, next);
    } else {
      fields.push(newField(raw, position, next));
    }
    position = next;
  }
  return { fields, bodyStart: limit, emptyLineAt: null, delimiterAt: null };
}

function closeLastField(raw: Buffer, fields: HeaderField[], end: number): void {
  const last = fields[fields.length - 1];
  if (!last || last.end <= end) return;
  last.end = end;
  last.valueEnd = Math.max(last.valueStart, Math.min(last.valueEnd, end));
}

function newField(raw: Buffer, start: number, end: number): HeaderField {
  const lineEnd = trimLineBreak(raw, start, end);
  const offset = raw.subarray(start, lineEnd).indexOf(0x3a);
  const colon = offset < 0 ? -1 : start + offset;
  if (colon < 0) {
    return { name: "", lowerName: "", start, end, valueStart: lineEnd, valueEnd: lineEnd };
  }
  let nameEnd = colon;
  while (nameEnd > start && isBlank(raw[nameEnd - 1])) nameEnd--;
  const name = raw.toString("latin1", start, nameEnd);
  // Blanks after the colon are skipped; a first line of nothing but blanks loses only one
  // (Dovecot's reading, which ENVELOPE and BODYSTRUCTURE strings follow).
  let valueStart = colon + 1;
  while (valueStart < lineEnd && isBlank(raw[valueStart])) valueStart++;
  if (valueStart === lineEnd && lineEnd > colon + 1) valueStart = colon + 2;
  return { name, lowerName: name.toLowerCase(), start, end, valueStart, valueEnd: lineEnd };
}

/** The value as text, folding line breaks included. */
export function fieldRawText(raw: Buffer, field: HeaderField): string {
  return decodeRawText(raw.subarray(field.valueStart, field.valueEnd));
}

/** The value as text with line breaks removed (RFC 5322 §2.2.3 unfolding). */
export function fieldText(raw: Buffer, field: HeaderField): string {
  return fieldRawText(raw, field).replace(/[\r\n]/g, "");
}

export function firstField(fields: HeaderField[], lowerName: string): HeaderField | null {
  return fields.find((field) => field.lowerName === lowerName) ?? null;
}

export function lastField(fields: HeaderField[], lowerName: string): HeaderField | null {
  for (let i = fields.length - 1; i >= 0; i--) {
    if (fields[i]!.lowerName === lowerName) return fields[i]!;
  }
  return null;
}

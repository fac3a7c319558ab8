// IMAP's view of an RFC 5322 / MIME message (RFC 3501 §7.4.2). Our own parser over the raw
// bytes: byte offsets for every part, never throws, bounded depth (50) and part count (10,000).
// Malformed mail is read the way Dovecot 2.3 reads it (tests/mime/dovecot-*.test.ts).
//
// Strings returned by imapEnvelope / imapBodyStructure are sent as UTF-8 (the default of
// socket.write / Buffer.from): literals inside them count UTF-8 bytes. Raw 8-bit header text
// is passed through as UTF-8 when valid, else read as Latin-1; NUL becomes U+FFFD.
import { bodySection } from "./body-section";
import { writeBodyStructure } from "./body-structure";
import { writeEnvelope } from "./envelope";
import { fieldText, lastField } from "./header";
import { searchHeaderEntries } from "./search-header-entries";
import { decodedBodyText, decodedHeaderText, decodedHeaderValues } from "./search-text";
import { parseWrittenDate, writtenDateInstant, type WrittenDate } from "./sent-date";
import { parseMimeTree, type MimeTree } from "./structure";

export type ParsedMessage = MimeTree;

export { readTopLevelSection, topLevelSection, type TopLevelSection } from "./top-level-section";

/** Parses once; callers cache the result per message. Never throws on malformed input. */
export function parseMessage(raw: Buffer): ParsedMessage {
  return parseMimeTree(raw);
}

/** The parenthesised ENVELOPE list, exactly as it goes on the wire. */
export function imapEnvelope(message: ParsedMessage): string {
  return writeEnvelope(message.raw, message.root.fields);
}

/** BODYSTRUCTURE (extended = true) or BODY (extended = false), as it goes on the wire. */
export function imapBodyStructure(message: ParsedMessage, extended: boolean): string {
  return writeBodyStructure(message, message.root, extended);
}

/**
 * The bytes of BODY[section] without partial ranges: section is "" (whole message), "HEADER",
 * "TEXT", "HEADER.FIELDS (A B)", "HEADER.FIELDS.NOT (A B)", "1", "1.2", "1.2.MIME",
 * "1.2.HEADER", "2.TEXT", … (RFC 3501 §6.4.5). null when the section does not exist.
 * NUL bytes come back as 0x80 (same length, so partial ranges and sizes are unaffected):
 * IMAP4rev1 literals cannot carry NUL (RFC 3501 §9, CHAR8), and Dovecot does the same.
 */
export function imapBodySection(message: ParsedMessage, section: string): Buffer | null {
  const bytes = bodySection(message, section);
  if (!bytes || !bytes.includes(0)) return bytes;
  const copy = Buffer.from(bytes);
  for (let i = copy.indexOf(0); i >= 0; i = copy.indexOf(0, i + 1)) copy[i] = 0x80;
  return copy;
}

/** Decoded header value(s) for SEARCH HEADER/FROM/TO/CC/BCC/SUBJECT (case-insensitive name). */
export function headerValues(message: ParsedMessage, name: string): string[] {
  return decodedHeaderValues(message, name);
}

/**
 * The top-level header as lower-cased "name:decoded value" entries, stored with the message so
 * header SEARCH keys run in SQL (see search-header-entries.ts); null when not storable as text.
 */
export function searchHeaders(message: ParsedMessage): string[] | null {
  return searchHeaderEntries(message.raw, message.root.fields);
}

/** The whole top-level header decoded ("Name: value" lines), for SEARCH TEXT. */
export function headerText(message: ParsedMessage): string {
  return decodedHeaderText(message);
}

/** Decoded text of all text parts (transfer encoding and charset undone), for SEARCH BODY/TEXT. */
export function bodyText(message: ParsedMessage): string {
  return decodedBodyText(message);
}

function writtenDate(message: ParsedMessage): WrittenDate | null {
  const field = lastField(message.root.fields, "date");
  return field ? parseWrittenDate(fieldText(message.raw, field)) : null;
}

/** The Date: header as a Date (SEARCH SENTBEFORE/SENTON/SENTSINCE), or null. */
export function sentDate(message: ParsedMessage): Date | null {
  const date = writtenDate(message);
  return date ? writtenDateInstant(date) : null;
}

/**
 * The calendar day written in the Date: header, as 00:00 UTC of that day, or null. SENTBEFORE,
 * SENTON and SENTSINCE compare this: they disregard time and timezone (RFC 3501 §6.4.4).
 */
export function sentDay(message: ParsedMessage): Date | null {
  const date = writtenDate(message);
  return date ? new Date(Date.UTC(date.year, date.month, date.day)) : null;
}

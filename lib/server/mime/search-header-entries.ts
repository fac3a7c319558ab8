// The top-level header as stored for SQL SEARCH (FROM/TO/CC/BCC/SUBJECT/HEADER, RFC 3501 §6.4.4):
// one "name:value" entry per field, both already lower-cased here, value decoded exactly as
// SEARCH decodes it (decodedFieldValue). The field name ends at its first colon (a name never
// holds one), so `LIKE 'from:%term%'` is "some From field contains term", matching the Node
// evaluation character for character: lower-casing happens in JS on both sides, never in SQL
// (PostgreSQL's lower() depends on the database's locale), and LIKE compares code points.
import type { HeaderField } from "./header";
import { decodedFieldValue } from "./search-text";

/**
 * Entries for the fields, or null when a value cannot be stored as PostgreSQL text without
 * changing what it matches (NUL, or a lone UTF-16 surrogate): such a message is searched the
 * old way, from its bytes. The decoders already turn both into U+FFFD; this guards the column
 * should that ever change.
 */
export function searchHeaderEntries(raw: Buffer, fields: HeaderField[]): string[] | null {
  const entries: string[] = [];
  for (const field of fields) {
    const entry = `${field.lowerName}:${decodedFieldValue(raw, field).toLowerCase()}`;
    if (entry.includes("\u0000") || !entry.isWellFormed()) return null;
    entries.push(entry);
  }
  return entries;
}

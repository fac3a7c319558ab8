// Decoded text for SEARCH (RFC 3501 §6.4.4): header values with encoded-words decoded, and the
// text of the body with transfer encodings and charsets undone.
import { decodeEncodedWords } from "./encoded-words";
import { fieldText, type HeaderField } from "./header";
import { parameter } from "./mime-header-values";
import type { MimeEntity, MimeTree } from "./structure";
import { decodeText } from "./text-decoding";
import { decodeTransferEncoding } from "./transfer-encoding";

export function decodedFieldValue(raw: Buffer, field: HeaderField): string {
  return decodeEncodedWords(fieldText(raw, field)).trim();
}

export function decodedHeaderValues(tree: MimeTree, name: string): string[] {
  const lowerName = name.toLowerCase();
  return tree.root.fields
    .filter((field) => field.lowerName === lowerName)
    .map((field) => decodedFieldValue(tree.raw, field));
}

function headerLines(raw: Buffer, fields: HeaderField[]): string {
  return fields
    .map((field) =>
      field.name === "" ? fieldText(raw, field) : `${field.name}: ${decodedFieldValue(raw, field)}`,
    )
    .join("\r\n");
}

export function decodedHeaderText(tree: MimeTree): string {
  return headerLines(tree.raw, tree.root.fields);
}

/**
 * The text of every text/* part; an encapsulated message/rfc822 contributes its header and
 * its own text parts, since it is part of the enclosing message's body.
 */
export function decodedBodyText(tree: MimeTree): string {
  const chunks: string[] = [];
  collect(tree.raw, tree.root, chunks);
  return chunks.join("\r\n");
}

function collect(raw: Buffer, entity: MimeEntity, chunks: string[]): void {
  if (entity.children) {
    for (const child of entity.children) collect(raw, child, chunks);
    return;
  }
  if (entity.message) {
    chunks.push(headerLines(raw, entity.message.fields));
    collect(raw, entity.message, chunks);
    return;
  }
  if (entity.contentType.type.toLowerCase() !== "text") return;
  const bytes = decodeTransferEncoding(raw.subarray(entity.bodyStart, entity.end), entity.encoding);
  chunks.push(decodeText(bytes, parameter(entity.contentType.params, "charset")));
}

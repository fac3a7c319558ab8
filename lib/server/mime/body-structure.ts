// BODYSTRUCTURE (extended) and BODY (RFC 3501 §7.4.2) from the MIME tree.
import { writeEnvelope } from "./envelope";
import { imapNString, imapString } from "./imap-string";
import type { MimeParameter } from "./mime-header-values";
import type { MimeEntity, MimeTree } from "./structure";

/** Stands in for the parts of a multipart that has none, which the grammar does not allow
 * (BODY[1] of such a multipart is empty, see emptyEntity). */
function emptyPart(extended: boolean): string {
  return `("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 0 0${extended ? " NIL NIL NIL NIL" : ""})`;
}

export function writeBodyStructure(tree: MimeTree, entity: MimeEntity, extended: boolean): string {
  if (entity.children) return writeMultipart(tree, entity, extended);
  const { raw } = tree;
  const { contentType } = entity;
  const text = contentType.type.toLowerCase() === "text";
  const size = entity.end - entity.bodyStart;
  const items = [
    imapString(contentType.type),
    imapString(contentType.subtype),
    writeParameters(contentType.params, text),
    imapNString(entity.id),
    imapNString(entity.description),
    imapString(entity.encoding),
    String(size),
  ];
  if (entity.message) {
    items.push(
      writeEnvelope(raw, entity.message.fields),
      writeBodyStructure(tree, entity.message, extended),
      String(countLines(raw, entity.bodyStart, entity.end)),
    );
  } else if (text) {
    items.push(String(countLines(raw, entity.bodyStart, entity.end)));
  }
  if (extended) items.push(imapNString(entity.md5), ...commonExtension(entity));
  return `(${items.join(" ")})`;
}

function writeMultipart(tree: MimeTree, entity: MimeEntity, extended: boolean): string {
  const children = entity.children!;
  const parts =
    children.length > 0
      ? children.map((child) => writeBodyStructure(tree, child, extended)).join("")
      : emptyPart(extended);
  const items = [parts, imapString(entity.contentType.subtype)];
  if (extended)
    items.push(writeParameters(entity.contentType.params, false), ...commonExtension(entity));
  return `(${items.join(" ")})`;
}

/** body-fld-dsp, body-fld-lang and body-fld-loc. */
function commonExtension(entity: MimeEntity): string[] {
  const { disposition, languages } = entity;
  return [
    disposition
      ? `(${imapString(disposition.type)} ${writeParameters(disposition.params, false)})`
      : "NIL",
    languages.length > 0 ? `(${languages.map(imapString).join(" ")})` : "NIL",
    imapNString(entity.location),
  ];
}

/** Text parts always carry a charset; us-ascii is the RFC 2045 §5.2 default. */
function writeParameters(params: MimeParameter[], text: boolean): string {
  const items = params.map(([name, value]) => `${imapString(name)} ${imapString(value)}`);
  if (text && !params.some(([name]) => name === "charset")) items.push('"charset" "us-ascii"');
  return items.length > 0 ? `(${items.join(" ")})` : "NIL";
}

function countLines(raw: Buffer, start: number, end: number): number {
  let lines = 0;
  let position = raw.indexOf(0x0a, start);
  while (position >= 0 && position < end) {
    lines++;
    position = raw.indexOf(0x0a, position + 1);
  }
  return lines;
}

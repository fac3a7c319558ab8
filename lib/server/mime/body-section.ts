// BODY[section] contents (RFC 3501 §6.4.5) as exact bytes of the stored message.
import type { HeaderField } from "./header";
import { emptyEntity, type MimeEntity, type MimeTree } from "./structure";

export type Selection =
  | { kind: "all" | "header" | "text" | "mime" }
  | { kind: "fields"; names: Set<string>; not: boolean };

const CRLF = Buffer.from("\r\n");

export function bodySection(tree: MimeTree, section: string): Buffer | null {
  const parsed = parseSection(section);
  if (!parsed) return null;
  const { raw, root } = tree;
  if (parsed.path.length === 0) {
    if (parsed.selection.kind === "mime") return null;
    if (parsed.selection.kind === "all") return raw;
    return messageSection(raw, root, parsed.selection);
  }
  const part = resolvePart(root, parsed.path);
  if (!part) return null;
  switch (parsed.selection.kind) {
    case "all":
      return raw.subarray(part.bodyStart, part.end);
    case "mime":
      return raw.subarray(part.start, part.bodyStart);
    default:
      // HEADER, TEXT and HEADER.FIELDS after a part number need a message/rfc822 part.
      return part.message ? messageSection(raw, part.message, parsed.selection) : null;
  }
}

/**
 * The entity a part number names. A non-multipart message has only part 1 (its body); the
 * parts of an encapsulated message/rfc822 are numbered below that part's own number.
 */
function resolvePart(root: MimeEntity, path: number[]): MimeEntity | null {
  let container = root;
  let part: MimeEntity | null = null;
  let messageBody = false;
  for (const number of path) {
    if (part) {
      if (part.message) container = part.message;
      else if (part.children) container = part;
      // A leaf inside a multipart is its own part 1 (Dovecot answers so); a message body is not.
      else if (number === 1 && !messageBody) continue;
      else return null;
    }
    if (container.children?.length === 0) part = number === 1 ? emptyEntity(container.end) : null;
    else if (container.children) part = container.children[number - 1] ?? null;
    else part = number === 1 ? container : null;
    messageBody = part === container;
    if (!part) return null;
  }
  return part;
}

function messageSection(raw: Buffer, message: MimeEntity, selection: Selection): Buffer {
  switch (selection.kind) {
    case "header":
      return raw.subarray(message.start, message.bodyStart);
    case "fields":
      return headerFields(raw, message.fields, selection.names, selection.not);
    default:
      return raw.subarray(message.bodyStart, message.end);
  }
}

function headerFields(
  raw: Buffer,
  fields: HeaderField[],
  names: Set<string>,
  not: boolean,
): Buffer {
  const chunks: Buffer[] = [];
  for (const field of fields) {
    if (field.lowerName === "" || names.has(field.lowerName) === not) continue;
    const bytes = raw.subarray(field.start, field.end);
    chunks.push(bytes);
    if (bytes[bytes.length - 1] !== 0x0a) chunks.push(CRLF);
  }
  chunks.push(CRLF);
  return Buffer.concat(chunks);
}

export function parseSection(section: string): { path: number[]; selection: Selection } | null {
  const text = section.trim();
  const numbered = /^((?:\d{1,9}\.)*\d{1,9})(?:\.(.*))?$/s.exec(text);
  const path = numbered ? numbered[1]!.split(".").map(Number) : [];
  if (path.some((number) => number === 0)) return null;
  const rest = numbered ? (numbered[2] ?? "").trim() : text;
  const keyword = /^([A-Za-z.]+)\s*(.*)$/s.exec(rest);
  if (rest === "") return { path, selection: { kind: "all" } };
  if (!keyword) return null;
  const name = keyword[1]!.toUpperCase();
  const argument = keyword[2]!.trim();
  if (name === "HEADER.FIELDS" || name === "HEADER.FIELDS.NOT") {
    const names = parseFieldNames(argument);
    if (!names) return null;
    return { path, selection: { kind: "fields", names, not: name.endsWith(".NOT") } };
  }
  if (argument !== "") return null;
  if (name === "HEADER") return { path, selection: { kind: "header" } };
  if (name === "TEXT") return { path, selection: { kind: "text" } };
  if (name === "MIME" && path.length > 0) return { path, selection: { kind: "mime" } };
  return null;
}

/** "(FROM "X-Foo" Subject)" → {from, x-foo, subject}. */
function parseFieldNames(list: string): Set<string> | null {
  const inner = /^\((.*)\)$/s.exec(list);
  if (!inner) return null;
  const names = new Set<string>();
  const pattern = /"((?:[^"\\]|\\.)*)"|([^\s"()]+)/g;
  for (const item of inner[1]!.matchAll(pattern)) {
    const name = item[1] !== undefined ? item[1].replace(/\\(.)/g, "$1") : item[2]!;
    names.add(name.toLowerCase());
  }
  return names.size > 0 ? names : null;
}

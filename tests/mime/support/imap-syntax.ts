// A strict reader for the IMAP values our MIME layer writes (RFC 3501 §9: NIL, numbers,
// quoted strings, literals, parenthesised lists) and a checker for the ENVELOPE and
// body / body-extension grammar. Throws on anything malformed.

export type ImapValue = null | number | string | ImapValue[];

export function readImapValue(wire: string): ImapValue {
  const bytes = Buffer.from(wire, "utf8");
  let position = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at byte ${position} of ${JSON.stringify(wire.slice(0, 300))}`);
  };
  const value = (): ImapValue => {
    const char = bytes[position];
    if (char === 0x28) {
      position++;
      const items: ImapValue[] = [];
      while (bytes[position] !== 0x29) {
        if (position >= bytes.length) fail("unclosed list");
        if (items.length > 0 && bytes[position - 1] !== 0x28) {
          // Items are separated by one space, except directly after a nested list's ")"
          // inside multipart bodies, which RFC 3501 writes without one.
          if (bytes[position] === 0x20) position++;
          else if (bytes[position - 1] !== 0x29) fail("missing space");
        }
        items.push(value());
      }
      position++;
      return items;
    }
    if (char === 0x22) {
      let text = "";
      position++;
      for (;;) {
        const next = bytes[position++];
        if (next === undefined) fail("unterminated quoted string");
        if (next === 0x22) return text;
        if (next === 0x0d || next === 0x0a || next! >= 0x80 || next === 0) fail("bad quoted char");
        if (next === 0x5c) {
          const escaped = bytes[position++];
          if (escaped !== 0x22 && escaped !== 0x5c) fail("bad escape");
          text += String.fromCharCode(escaped!);
        } else text += String.fromCharCode(next!);
      }
    }
    if (char === 0x7b) {
      const close = bytes.indexOf("}\r\n", position);
      if (close < 0) fail("bad literal");
      const length = Number(bytes.toString("latin1", position + 1, close));
      if (!Number.isInteger(length)) fail("bad literal length");
      const start = close + 3;
      if (start + length > bytes.length) fail("short literal");
      const content = bytes.subarray(start, start + length);
      if (content.includes(0)) fail("NUL in literal");
      position = start + length;
      return content.toString("utf8");
    }
    const atom = /^(NIL|\d+)/.exec(bytes.toString("latin1", position, position + 20));
    if (!atom) return fail("unexpected character");
    position += atom[0].length;
    return atom[0] === "NIL" ? null : Number(atom[0]);
  };
  const result = value();
  if (position !== bytes.length) fail("trailing bytes");
  return result;
}

const isNString = (value: ImapValue): boolean => value === null || typeof value === "string";
const isString = (value: ImapValue): value is string => typeof value === "string";
const isNumber = (value: ImapValue): value is number => typeof value === "number";

function check(condition: boolean, why: string): void {
  if (!condition) throw new Error(why);
}

function checkParams(value: ImapValue): void {
  if (value === null) return;
  check(Array.isArray(value) && value.length > 0 && value.length % 2 === 0, "params");
  for (const item of value as ImapValue[]) check(isString(item), "param string");
}

function checkAddresses(value: ImapValue): void {
  if (value === null) return;
  check(Array.isArray(value) && value.length > 0, "address list");
  for (const address of value as ImapValue[]) {
    check(Array.isArray(address) && address.length === 4, "address");
    for (const item of address as ImapValue[]) check(isNString(item), "address field");
  }
}

export function checkEnvelope(value: ImapValue): void {
  check(Array.isArray(value) && value.length === 10, "envelope shape");
  const items = value as ImapValue[];
  check(isNString(items[0]!) && isNString(items[1]!), "date/subject");
  for (const list of items.slice(2, 8)) checkAddresses(list);
  check(isNString(items[8]!) && isNString(items[9]!), "in-reply-to/message-id");
}

function checkExtension(items: ImapValue[]): void {
  check(items.length === 3, "extension length");
  const [disposition, language, location] = items;
  if (disposition !== null) {
    check(Array.isArray(disposition) && disposition.length === 2, "disposition");
    check(isString((disposition as ImapValue[])[0]!), "disposition type");
    checkParams((disposition as ImapValue[])[1]!);
  }
  if (language !== null) {
    check(Array.isArray(language) && language.length > 0, "language");
    for (const tag of language as ImapValue[]) check(isString(tag), "language tag");
  }
  check(isNString(location!), "location");
}

/** Part paths ("1", "2.1", …) with the size and line count BODYSTRUCTURE claims for them. */
export type PartClaim = { path: string; size: number; lines: number | null };

/**
 * Checks body grammar (RFC 3501 §9) and returns what it says about each non-multipart part.
 * `path` is the part number of this body; the body of a message (top level or encapsulated)
 * is numbered below it, as "1" or "<path>.1" when it is not a multipart.
 */
export function checkBody(
  value: ImapValue,
  extended: boolean,
  path = "",
  depth = 0,
  messageBody = true,
): PartClaim[] {
  check(depth < 200, "absurd depth");
  check(Array.isArray(value) && value.length > 0, "body is a list");
  const items = value as ImapValue[];
  const claims: PartClaim[] = [];
  if (Array.isArray(items[0])) {
    let count = 0;
    while (Array.isArray(items[count])) count++;
    for (let i = 0; i < count; i++) {
      const child = `${path}${path ? "." : ""}${i + 1}`;
      claims.push(...checkBody(items[i]!, extended, child, depth + 1, false));
    }
    check(isString(items[count]!), "multipart subtype");
    const rest = items.slice(count + 1);
    if (extended) {
      check(rest.length === 4, "multipart extension length");
      checkParams(rest[0]!);
      checkExtension(rest.slice(1));
    } else check(rest.length === 0, "BODY multipart has no extension");
    return claims;
  }
  const [type, subtype, params, id, description, encoding, size] = items;
  check(isString(type!) && isString(subtype!), "type/subtype");
  checkParams(params!);
  check(isNString(id!) && isNString(description!) && isString(encoding!), "fields");
  check(isNumber(size!), "size");
  const own = messageBody ? `${path}${path ? "." : ""}1` : path;
  let rest = items.slice(7);
  const message = (type as string).toLowerCase() === "message" && Array.isArray(rest[0]);
  if (message) {
    checkEnvelope(rest[0]!);
    check(isNumber(rest[2]!), "message lines");
    claims.push({ path: own, size: size as number, lines: rest[2] as number });
    claims.push(...checkBody(rest[1]!, extended, own, depth + 1, true));
    rest = rest.slice(3);
  } else if ((type as string).toLowerCase() === "text") {
    check(isNumber(rest[0]!), "text lines");
    claims.push({ path: own, size: size as number, lines: rest[0] as number });
    rest = rest.slice(1);
  } else {
    claims.push({ path: own, size: size as number, lines: null });
  }
  if (extended) {
    check(rest.length === 4, "single-part extension length");
    check(isNString(rest[0]!), "md5");
    checkExtension(rest.slice(1));
  } else check(rest.length === 0, "BODY has no extension");
  return claims;
}

// Modified UTF-7 (RFC 3501 §5.1.3), the encoding of mailbox names on the IMAP4rev1 wire. Names
// are stored as Unicode; the protocol door decodes what clients send and encodes what it answers.
// Printable ASCII stands for itself ("&" as "&-"); anything else goes as UTF-16BE in base64 with
// "," for "/" and no padding, between "&" and "-".

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";
const VALUES = new Map([...ALPHABET].map((c, i) => [c, i]));

const printable = (code: number) => code >= 0x20 && code <= 0x7e;

export class InvalidMailboxName extends Error {}

function base64(units: number[]): string {
  let out = "";
  let bits = 0;
  let buffer = 0;
  for (const unit of units) {
    buffer = (buffer << 16) | unit;
    bits += 16;
    while (bits >= 6) {
      bits -= 6;
      out += ALPHABET[(buffer >> bits) & 0x3f];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (6 - bits)) & 0x3f];
  return out;
}

export function encodeMailboxName(name: string): string {
  let out = "";
  let pending: number[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    out += "&" + base64(pending) + "-";
    pending = [];
  };
  for (let i = 0; i < name.length; i++) {
    const unit = name.charCodeAt(i);
    if (printable(unit)) {
      flush();
      out += unit === 0x26 ? "&-" : name[i];
    } else {
      pending.push(unit);
    }
  }
  flush();
  return out;
}

function decodeRun(run: string): string {
  const units: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const c of run) {
    const value = VALUES.get(c);
    if (value === undefined) throw new InvalidMailboxName(`"${c}" in a base64 run`);
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 16) {
      bits -= 16;
      units.push((buffer >> bits) & 0xffff);
    }
  }
  if (bits >= 6 || (buffer & ((1 << bits) - 1)) !== 0)
    throw new InvalidMailboxName("base64 run does not end on a character");
  return String.fromCharCode(...units);
}

/** Decodes a name as a client sent it; throws InvalidMailboxName for anything not canonical. */
export function decodeMailboxName(wire: string): string {
  let out = "";
  for (let i = 0; i < wire.length;) {
    const code = wire.charCodeAt(i);
    if (!printable(code)) throw new InvalidMailboxName("8-bit or control character in name");
    if (code !== 0x26) {
      out += wire[i++];
      continue;
    }
    const end = wire.indexOf("-", i + 1);
    if (end < 0) throw new InvalidMailboxName("unterminated base64 run");
    out += end === i + 1 ? "&" : decodeRun(wire.slice(i + 1, end));
    i = end + 1;
  }
  // Lone surrogates are no text; ASCII in base64, split runs and stray bits are not canonical.
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(out))
    throw new InvalidMailboxName("broken UTF-16 in name");
  if (encodeMailboxName(out) !== wire) throw new InvalidMailboxName("name is not canonical");
  return out;
}

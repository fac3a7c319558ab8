// The argument of MAIL FROM / RCPT TO (RFC 5321 §4.1.2): "FROM:<path> [KEY[=VALUE] …]".
// The syntax stays permissive as real clients need (a space after the colon, any case, a
// source route that is ignored), but nothing with control characters gets through: addresses
// end up in replies, logs and Received headers.

export type PathArgument = {
  /** The address between the angle brackets, source route removed; "" for <>. */
  address: string;
  /** ESMTP parameters, keys in upper case; a key without "=" has the value true. */
  params: Map<string, string | true>;
};

// Control characters and invisible formatting characters (zero-width space, word joiner, BOM).
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const UNSAFE = /[\x00-\x1f\x7f\u200b\u2060\ufeff]/;
const SOURCE_ROUTE = /^@[^\s,:@]+(?:,@[^\s,:@]+)*:/;
const MAX_PATH = 254;

/** Parses "FROM:<…> …" (keyword "FROM") or "TO:<…> …"; null when it is not well formed. */
export function parsePathArgument(args: string, keyword: "FROM" | "TO"): PathArgument | null {
  const colon = args.indexOf(":");
  if (colon === -1 || args.slice(0, colon).trim().toUpperCase() !== keyword) return null;
  const words = args
    .slice(colon + 1)
    .trim()
    .split(/[ \t]+/);
  const path = words[0];
  if (path.length < 2 || path[0] !== "<" || path[path.length - 1] !== ">") return null;
  const address = path.slice(1, -1).replace(SOURCE_ROUTE, "");
  if (address.includes("<") || address.includes(">") || UNSAFE.test(address)) return null;
  if (address !== "" && !plausibleAddress(address)) return null;
  const params = new Map<string, string | true>();
  for (let i = 1; i < words.length; i++) {
    const word = words[i];
    if (word === "") continue;
    const equals = word.indexOf("=");
    const key = (equals === -1 ? word : word.slice(0, equals)).toUpperCase();
    const value = equals === -1 ? true : decodeXtext(word.slice(equals + 1));
    if (key === "" || params.has(key)) return null;
    if (value !== true && UNSAFE.test(value)) return null;
    params.set(key, value);
  }
  return { address, params };
}

/** local@domain with both parts present; the domain layer normalises and judges the rest. */
function plausibleAddress(address: string): boolean {
  if (address.length > MAX_PATH) return false;
  const at = address.lastIndexOf("@");
  if (at <= 0 || at === address.length - 1) return false;
  const local = address.slice(0, at);
  if (local.startsWith(".") || local.endsWith(".") || local.includes("..")) return false;
  return !/\s/.test(address);
}

/** xtext (RFC 3461 §4): "+XX" is a hex escape. */
function decodeXtext(value: string): string {
  if (!value.includes("+")) return value;
  return value.replace(/\+([0-9A-Fa-f]{2})/g, (_m, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

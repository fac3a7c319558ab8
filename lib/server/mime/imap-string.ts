// Writing IMAP strings (RFC 3501 §4.3, §9): quoted when every character is a 7-bit TEXT-CHAR,
// otherwise a literal. Results are JavaScript strings that go on the wire as UTF-8, so a
// literal's {n} counts UTF-8 bytes.

function needsLiteral(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[^\x01-\x09\x0b\x0c\x0e-\x7f]/.test(text);
}

export function imapLiteral(text: string): string {
  return `{${Buffer.byteLength(text, "utf8")}}\r\n${text}`;
}

/** A string: quoted (with \" and \\ escaped) or, for CR, LF or 8-bit text, a literal. */
export function imapString(text: string): string {
  if (needsLiteral(text)) return imapLiteral(text);
  return `"${text.replace(/["\\]/g, "\\$&")}"`;
}

export function imapNString(text: string | null): string {
  return text === null ? "NIL" : imapString(text);
}

/**
 * Text meant for people (ENVELOPE subject and display names): line breaks removed, runs of
 * blanks collapsed to one space, leading and trailing blanks dropped. Like Dovecot, text that
 * had to be changed or holds quotes, backslashes or 8-bit characters is sent as a literal.
 */
export function imapHumanString(text: string | null): string {
  if (text === null) return "NIL";
  const cleaned = text
    .replace(/[\r\n]/g, " ")
    .replace(/[ \t]+/g, " ")
    .trim();
  if (cleaned === "") return '""';
  if (cleaned === text && !/["\\]/.test(text) && !needsLiteral(text)) return `"${text}"`;
  return imapLiteral(cleaned);
}

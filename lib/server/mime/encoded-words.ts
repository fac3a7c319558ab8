// RFC 2047 encoded-words in unstructured header text, decoded for SEARCH. Whitespace between
// adjacent encoded-words is dropped (§6.2). Each word is decoded on its own: a character split
// across two words is invalid (§5) and stays broken, as in Dovecot. Words in an unknown charset
// are left as they are. The RFC 2231 language suffix (charset*lang) is ignored.
import { decodeCharset } from "./text-decoding";
import { decodeQuotedPrintable } from "./transfer-encoding";

const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;

export function decodeEncodedWords(text: string): string {
  if (!text.includes("=?")) return text;
  let result = "";
  let last = 0;
  let previousWasWord = false;
  for (const match of text.matchAll(ENCODED_WORD)) {
    const between = text.slice(last, match.index);
    const decoded = decodeWord(match[1]!, match[2]!, match[3]!);
    if (!(previousWasWord && decoded !== null && /^[ \t\r\n]*$/.test(between))) result += between;
    result += decoded ?? match[0];
    previousWasWord = decoded !== null;
    last = match.index + match[0].length;
  }
  return result + text.slice(last);
}

function decodeWord(charsetAndLanguage: string, encoding: string, encoded: string): string | null {
  const charset = charsetAndLanguage.split("*")[0]!;
  const bytes =
    encoding.toLowerCase() === "b"
      ? Buffer.from(encoded, "base64")
      : decodeQuotedPrintable(Buffer.from(encoded, "latin1"), true);
  return decodeCharset(bytes, charset);
}

// Turning header and body bytes into JavaScript strings. Raw 8-bit header text is UTF-8 when it
// is valid UTF-8 (RFC 6532) and Latin-1 otherwise, so no byte is ever dropped; NUL becomes
// U+FFFD because neither IMAP strings (RFC 3501 §9, CHAR8 excludes NUL) nor PostgreSQL text
// can carry it.

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

export function decodeRawText(bytes: Uint8Array): string {
  let ascii = true;
  let nul = false;
  for (const byte of bytes) {
    if (byte >= 0x80) ascii = false;
    else if (byte === 0) nul = true;
  }
  let text: string;
  if (ascii) text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1");
  else {
    try {
      text = strictUtf8.decode(bytes);
    } catch {
      text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1");
    }
  }
  return nul ? text.replaceAll("\u0000", "\uFFFD") : text;
}

const decoders = new Map<string, TextDecoder | null>();

/** A decoder for a MIME charset name (RFC 2978), or null when the name is unknown. */
function decoderFor(charset: string): TextDecoder | null {
  const label = charset.trim().toLowerCase();
  const cached = decoders.get(label);
  if (cached !== undefined) return cached;
  let decoder: TextDecoder | null;
  try {
    decoder = new TextDecoder(label === "utf8" ? "utf-8" : label);
  } catch {
    decoder = null;
  }
  if (decoders.size < 256) decoders.set(label, decoder);
  return decoder;
}

/** Bytes in a declared charset as text; null when the charset is unknown. */
export function decodeCharset(bytes: Uint8Array, charset: string): string | null {
  const decoder = decoderFor(charset);
  if (!decoder) return null;
  return decoder.decode(bytes).replaceAll("\u0000", "\uFFFD");
}

/** Bytes in a declared charset, falling back to the raw-text rules for unknown charsets. */
export function decodeText(bytes: Uint8Array, charset: string | null): string {
  if (charset) {
    const text = decodeCharset(bytes, charset);
    if (text !== null) return text;
  }
  return decodeRawText(bytes);
}

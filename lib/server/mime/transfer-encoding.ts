// Undoing Content-Transfer-Encoding (RFC 2045 §6). Lenient: stray characters are skipped, an
// '=' that starts no valid escape is kept as it is.

export function decodeTransferEncoding(bytes: Buffer, encoding: string): Buffer {
  switch (encoding.trim().toLowerCase()) {
    case "base64":
      return Buffer.from(bytes.toString("latin1"), "base64");
    case "quoted-printable":
      return decodeQuotedPrintable(bytes);
    default:
      return bytes;
  }
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x37;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x57;
  return -1;
}

export function decodeQuotedPrintable(bytes: Uint8Array, underscoreIsSpace = false): Buffer {
  const out = Buffer.alloc(bytes.length);
  let length = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte === 0x3d) {
      const next = bytes[i + 1];
      if (next === 0x0a) {
        i += 1;
        continue;
      }
      if (next === 0x0d && bytes[i + 2] === 0x0a) {
        i += 2;
        continue;
      }
      const high = next === undefined ? -1 : hexValue(next);
      const low = bytes[i + 2] === undefined ? -1 : hexValue(bytes[i + 2]!);
      if (high >= 0 && low >= 0) {
        out[length++] = high * 16 + low;
        i += 2;
        continue;
      }
    }
    out[length++] = underscoreIsSpace && byte === 0x5f ? 0x20 : byte;
  }
  return out.subarray(0, length);
}

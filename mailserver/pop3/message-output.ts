// Turns stored message bytes into a POP3 multi-line body (RFC 1939 §3): every line that starts
// with "." gets a second one, and the body ends with CRLF "." CRLF. Works chunk by chunk on
// views of the stored buffer, so a large message is never copied whole.

const LF = 0x0a;
const DOT = 0x2e;
const CR = 0x0d;
const LF_DOT = Buffer.from("\n.");

export type StuffedChunk = { bytes: Buffer; atLineStart: boolean };

/** Dot-stuffs one chunk; `atLineStart` carries whether the previous chunk ended a line. */
export function dotStuff(chunk: Buffer, atLineStart: boolean): StuffedChunk {
  const dots: number[] = [];
  if (atLineStart && chunk.length > 0 && chunk[0] === DOT) dots.push(0);
  // One native scan for the pair instead of a call per line: most lines need no dot.
  for (let at = chunk.indexOf(LF_DOT); at !== -1; at = chunk.indexOf(LF_DOT, at + 2)) {
    dots.push(at + 1);
  }
  const endsLine = chunk.length === 0 ? atLineStart : chunk[chunk.length - 1] === LF;
  if (dots.length === 0) return { bytes: chunk, atLineStart: endsLine };
  const out = Buffer.allocUnsafe(chunk.length + dots.length);
  let from = 0;
  let to = 0;
  for (const at of dots) {
    to += chunk.copy(out, to, from, at);
    out[to++] = DOT;
    from = at;
  }
  chunk.copy(out, to, from);
  return { bytes: out, atLineStart: endsLine };
}

/**
 * Sends a status line and a message body dot-stuffed, `chunkBytes` at a time, each write
 * awaited: with a write that waits for the socket to drain, at most about one chunk is
 * buffered beyond the socket's own high-water mark, however large the message. The body may
 * arrive in parts (slices read from the database). A stuffed chunk is held back until the
 * next one exists, so the status line rides with the first chunk and the terminator with the
 * last: a message up to one chunk is a single write (one writev of the pieces as they are, a
 * body needing no dots never copied).
 */
export async function sendDotStuffed(
  write: (data: readonly Buffer[]) => Promise<void>,
  statusLine: string,
  parts: Iterable<Buffer> | AsyncIterable<Buffer>,
  chunkBytes: number,
  stopped: () => boolean = () => false,
): Promise<void> {
  let held: Buffer[] = [Buffer.from(statusLine)];
  let holdsBody = false;
  let atLineStart = true;
  // The body's last two bytes (-1: none yet), for the terminator.
  let beforeLast = -1;
  let lastByte = -1;
  for await (const part of parts) {
    for (let offset = 0; offset < part.length; offset += chunkBytes) {
      if (stopped()) return;
      const piece = dotStuff(part.subarray(offset, offset + chunkBytes), atLineStart);
      atLineStart = piece.atLineStart;
      if (holdsBody) {
        await write(held);
        held = [];
        if (stopped()) return;
      }
      held.push(piece.bytes);
      holdsBody = true;
    }
    if (part.length > 0) {
      beforeLast = part.length > 1 ? part[part.length - 2] : lastByte;
      lastByte = part[part.length - 1];
    }
  }
  const endsLine = lastByte === -1 || (beforeLast === CR && lastByte === LF);
  held.push(endsLine ? END_AFTER_LINE : END_MID_LINE);
  await write(held);
}

/** What follows the body so that the response ends with CRLF "." CRLF. */
const END_AFTER_LINE = Buffer.from(".\r\n");
const END_MID_LINE = Buffer.from("\r\n.\r\n");

/**
 * TOP (RFC 1939 §7): the header, the blank line after it, and the first `lines` lines of the
 * body. A view into `raw`, not a copy. A message without a blank line is all header.
 */
export function topOfMessage(raw: Buffer, lines: number): Buffer {
  const bodyStart = headerEnd(raw);
  if (bodyStart === -1) return raw;
  let end = bodyStart;
  for (let i = 0; i < lines && end < raw.length; i++) {
    const lf = raw.indexOf(LF, end);
    end = lf === -1 ? raw.length : lf + 1;
  }
  return raw.subarray(0, end);
}

/** Offset just past the blank line that ends the header, or -1 when there is none. */
function headerEnd(raw: Buffer): number {
  let lineStart = 0;
  while (lineStart < raw.length) {
    const lf = raw.indexOf(LF, lineStart);
    if (lf === -1) return -1;
    const lineLength = lf - lineStart;
    if (lineLength === 0 || (lineLength === 1 && raw[lineStart] === CR)) return lf + 1;
    lineStart = lf + 1;
  }
  return -1;
}

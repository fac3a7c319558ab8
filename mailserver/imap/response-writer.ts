// Output side of an IMAP connection: encodes strings the way RFC 3501 wants them (atom-safe
// quoted strings, literals for anything else) and writes with backpressure, so a FETCH of a
// thousand large messages never piles up in memory. The output may be swapped (STARTTLS,
// COMPRESS); a compressing output is flushed after each burst of responses.
import type { Writable } from "node:stream";
import { encodeMailboxName } from "./mutf7";

export type Chunk = string | Buffer;

/** Responses up to this size go out in one write (no small-segment stalls). */
const COALESCE_LIMIT = 256 * 1024;

export class ResponseWriter {
  private flush: (() => void) | null = null;
  private flushQueued = false;

  constructor(private output: Writable) {}

  /**
   * Where responses go from now on (the socket, a TLS socket, a deflate stream). `flush` pushes
   * what a compressor holds back; it runs once the current burst of writes is over.
   */
  setOutput(output: Writable, flush: (() => void) | null = null): void {
    this.output = output;
    this.flush = flush;
  }

  /** Writes the chunks as one segment when small; resolves once the output wants more. */
  async write(...chunks: Chunk[]): Promise<void> {
    const buffers = chunks.map((c) => (typeof c === "string" ? Buffer.from(c, "utf8") : c));
    const total = buffers.reduce((sum, b) => sum + b.length, 0);
    const pieces = total <= COALESCE_LIMIT ? [Buffer.concat(buffers, total)] : buffers;
    const output = this.output;
    for (const data of pieces) {
      if (output.destroyed || output.writableEnded) return;
      this.queueFlush();
      if (!output.write(data)) await this.drained(output);
    }
  }

  /** Ends the output after everything written so far (a compressor finishes its stream). */
  end(): void {
    this.output.end();
  }

  private queueFlush(): void {
    if (!this.flush || this.flushQueued) return;
    this.flushQueued = true;
    const flush = this.flush;
    setImmediate(() => {
      this.flushQueued = false;
      flush();
    });
  }

  line(text: string): Promise<void> {
    return this.write(text + "\r\n");
  }

  private drained(output: Writable): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        output.off("drain", done);
        output.off("close", done);
        resolve();
      };
      output.on("drain", done);
      output.on("close", done);
    });
  }
}

/** A string as IMAP "string": quoted when safe, otherwise a literal. */
export function imapString(value: string | Buffer): Chunk[] {
  const text = typeof value === "string" ? value : value.toString("utf8");
  if (/^[\x20-\x7e]*$/.test(text) && text.length < 1000)
    return [`"${text.replace(/[\\"]/g, (c) => "\\" + c)}"`];
  const bytes = typeof value === "string" ? Buffer.from(value, "utf8") : value;
  return [`{${bytes.length}}\r\n`, bytes];
}

/** Single-line form for places where a literal is awkward (printable ASCII only). */
export function quoted(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => "\\" + c)}"`;
}

/** A stored (Unicode) mailbox name as it goes on the wire: modified UTF-7, quoted. */
export function quotedMailbox(name: string): string {
  return quoted(encodeMailboxName(name));
}

export function nstring(value: Buffer | null): Chunk[] {
  return value === null ? ["NIL"] : [`{${value.length}}\r\n`, value];
}

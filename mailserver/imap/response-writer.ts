// Output side of an IMAP connection: encodes strings the way RFC 3501 wants them (atom-safe
// quoted strings, literals for anything else) and writes with backpressure, so a FETCH of a
// thousand large messages never piles up in memory. The output may be swapped (STARTTLS,
// COMPRESS); a compressing output is flushed after each burst of responses.
import type { Writable } from "node:stream";
import { encodeMailboxName } from "./mutf7";

export type Chunk = string | Buffer;

/** Responses up to this size go out in one write (no small-segment stalls). */
const COALESCE_LIMIT = 256 * 1024;

/**
 * Small responses are gathered and go out together (one write for a whole FETCH of 50 headers
 * instead of one per message): at this size, at the end of the command, or on the next turn of
 * the event loop, whichever comes first.
 */
const GATHER_LIMIT = 64 * 1024;

export class ResponseWriter {
  private flush: (() => void) | null = null;
  private flushQueued = false;
  private gathered: Buffer[] = [];
  private gatheredBytes = 0;
  private sendQueued = false;
  /** Set when a write that could not wait filled the output: the next write waits for it. */
  private pendingDrain: Promise<void> | null = null;

  constructor(private output: Writable) {}

  /**
   * Where responses go from now on (the socket, a TLS socket, a deflate stream). `flush` pushes
   * what a compressor holds back; it runs once the current burst of writes is over. Anything
   * gathered goes to the old output first.
   */
  setOutput(output: Writable, flush: (() => void) | null = null): void {
    this.sendGathered();
    this.output = output;
    this.flush = flush;
  }

  /** Queues the chunks; resolves once the output wants more. */
  async write(...chunks: Chunk[]): Promise<void> {
    const full = this.pendingDrain;
    if (full) {
      await full;
      if (this.pendingDrain === full) this.pendingDrain = null;
    }
    const buffers = chunks.map((c) => (typeof c === "string" ? Buffer.from(c, "utf8") : c));
    const total = buffers.reduce((sum, b) => sum + b.length, 0);
    if (total > COALESCE_LIMIT) {
      // Large: straight through, piece by piece, with backpressure.
      await this.flushNow();
      for (const data of buffers) if (!(await this.send(data))) return;
      return;
    }
    this.gathered.push(...buffers);
    this.gatheredBytes += total;
    if (this.gatheredBytes >= GATHER_LIMIT) await this.flushNow();
    else if (!this.sendQueued) {
      this.sendQueued = true;
      setImmediate(() => this.sendGathered());
    }
  }

  /** Sends what is gathered now and waits while the output is full. */
  async flushNow(): Promise<void> {
    if (this.gatheredBytes === 0 && this.gathered.length === 0) return;
    const data = this.take();
    await this.send(data);
  }

  /** Ends the output after everything written so far (a compressor finishes its stream). */
  end(): void {
    this.sendGathered();
    this.output.end();
  }

  private take(): Buffer {
    const data = Buffer.concat(this.gathered, this.gatheredBytes);
    this.gathered = [];
    this.gatheredBytes = 0;
    return data;
  }

  /** Without waiting (event-loop turn, output swap, end): backpressure applies at the next write. */
  private sendGathered(): void {
    this.sendQueued = false;
    if (this.gathered.length === 0) return;
    const data = this.take();
    const output = this.output;
    if (output.destroyed || output.writableEnded) return;
    this.queueFlush();
    if (!output.write(data)) this.pendingDrain = this.drained(output);
  }

  /** false when the output is gone. */
  private async send(data: Buffer): Promise<boolean> {
    const output = this.output;
    if (output.destroyed || output.writableEnded) return false;
    this.queueFlush();
    if (!output.write(data)) await this.drained(output);
    return true;
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

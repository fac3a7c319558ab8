// Output side of an IMAP connection: encodes strings the way RFC 3501 wants them (atom-safe
// quoted strings, literals for anything else) and writes with backpressure, so a FETCH of a
// thousand large messages never piles up in memory.
import type { Duplex } from "node:stream";
import { encodeMailboxName } from "./mutf7";

export type Chunk = string | Buffer;

/** Responses up to this size go out in one write (no small-segment stalls). */
const COALESCE_LIMIT = 256 * 1024;

export class ResponseWriter {
  constructor(private socket: Duplex) {}

  setSocket(socket: Duplex): void {
    this.socket = socket;
  }

  /** Writes the chunks as one segment when small; resolves once the socket wants more. */
  async write(...chunks: Chunk[]): Promise<void> {
    const buffers = chunks.map((c) => (typeof c === "string" ? Buffer.from(c, "utf8") : c));
    const total = buffers.reduce((sum, b) => sum + b.length, 0);
    const pieces = total <= COALESCE_LIMIT ? [Buffer.concat(buffers, total)] : buffers;
    for (const data of pieces) {
      if (this.socket.destroyed) return;
      if (!this.socket.write(data)) await this.drained();
    }
  }

  line(text: string): Promise<void> {
    return this.write(text + "\r\n");
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.socket.off("drain", done);
        this.socket.off("close", done);
        resolve();
      };
      this.socket.on("drain", done);
      this.socket.on("close", done);
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

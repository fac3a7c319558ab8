// Streaming input side of an IMAP connection: splits the byte stream into command lines and
// literals ({n} synchronizing, {n+} non-synchronizing, RFC 3501 §4.3 / RFC 7888). A literal's size
// is judged BEFORE the "+" continuation is sent, so a client never uploads what will be refused.
// Pull-based: the session asks for the next command (or a raw line, for IDLE / AUTHENTICATE).

/** A command as received: line text (latin1, CRLF removed) alternating with literal bytes. */
export type CommandParts = Array<string | Buffer>;

export type LiteralRequest = { tag: string; command: string; size: number; sync: boolean };
/** null: accept; otherwise the tagged response that refuses the literal (without the tag). */
export type LiteralJudge = (request: LiteralRequest) => string | null;

export type ReadResult =
  | { kind: "command"; parts: CommandParts }
  | { kind: "refused"; tag: string; response: string }
  | { kind: "tooLong" }
  /** More was thrown away than maxSkippedLine / maxSkippedLiteral allow: end the connection. */
  | { kind: "flood" }
  | { kind: "closed" };

export type ReaderOptions = {
  maxLineLength: number;
  judgeLiteral: LiteralJudge;
  /** Sends the "+" continuation for an accepted synchronizing literal. */
  sendContinuation: () => void;
  pause: () => void;
  resume: () => void;
  /**
   * How much of one over-long line, and of one refused non-synchronizing literal, is read and
   * thrown away before the reader gives up. Memory never grows with them, but reading costs CPU,
   * and with COMPRESS=DEFLATE a few KB on the wire inflate to gigabytes.
   */
  maxSkippedLine?: number;
  maxSkippedLiteral?: number;
};

const LITERAL_AT_END = /\{(\d{1,20})(\+?)\}$/;
const HIGH_WATER = 1024 * 1024;

type Waiter =
  | { mode: "command"; resolve: (r: ReadResult) => void }
  | { mode: "line"; resolve: (line: string | null) => void };

export class CommandReader {
  private buffer: Buffer = Buffer.alloc(0);
  private parts: CommandParts = [];
  private literalBytes: number | null = null;
  private discardBytes = 0;
  /** After a refused literal or an over-long line: drop input up to the end of that line. */
  private skipToLineEnd = false;
  /** Bytes of the current over-long line thrown away so far. */
  private skipped = 0;
  private flooded = false;
  private closed = false;
  private waiter: Waiter | null = null;

  constructor(private readonly options: ReaderOptions) {}

  feed(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    this.pump();
    const needed = this.literalBytes ?? 0;
    if (this.buffer.length > Math.max(HIGH_WATER, needed + HIGH_WATER)) this.options.pause();
  }

  end(): void {
    this.closed = true;
    this.pump();
  }

  /** Forgets buffered input (after STARTTLS nothing sent in plaintext may be executed). */
  reset(): void {
    this.buffer = Buffer.alloc(0);
    this.parts = [];
    this.literalBytes = null;
    this.discardBytes = 0;
    this.skipToLineEnd = false;
    this.skipped = 0;
  }

  /** Hands back the bytes received but not yet read (COMPRESS: they are already compressed). */
  takeUnread(): Buffer {
    const unread = this.buffer;
    this.buffer = Buffer.alloc(0);
    return unread;
  }

  readCommand(): Promise<ReadResult> {
    return new Promise((resolve) => {
      this.waiter = { mode: "command", resolve };
      this.options.resume();
      this.pump();
    });
  }

  readLine(): Promise<string | null> {
    return new Promise((resolve) => {
      this.waiter = { mode: "line", resolve };
      this.options.resume();
      this.pump();
    });
  }

  private deliver(result: ReadResult | string | null): void {
    const waiter = this.waiter;
    this.waiter = null;
    if (!waiter) return;
    if (waiter.mode === "command") waiter.resolve(result as ReadResult);
    else waiter.resolve(result as string | null);
  }

  private pump(): void {
    while (this.waiter) {
      if (this.flooded)
        return this.deliver(this.waiter.mode === "command" ? { kind: "flood" } : null);
      if (this.discardBytes > 0) {
        const n = Math.min(this.discardBytes, this.buffer.length);
        this.buffer = this.buffer.subarray(n);
        this.discardBytes -= n;
        if (this.discardBytes > 0) break;
        continue;
      }
      if (this.literalBytes !== null) {
        if (this.buffer.length < this.literalBytes) {
          if (this.closed) return this.deliver(this.closedResult());
          break;
        }
        this.parts.push(Buffer.from(this.buffer.subarray(0, this.literalBytes)));
        this.buffer = this.buffer.subarray(this.literalBytes);
        this.literalBytes = null;
        continue;
      }
      const lf = this.buffer.indexOf(10);
      if (lf < 0) {
        if (this.buffer.length > this.options.maxLineLength) {
          this.skipped += this.buffer.length;
          this.buffer = Buffer.alloc(0);
          if (this.skipped > (this.options.maxSkippedLine ?? Infinity)) {
            this.flooded = true;
            continue;
          }
          if (!this.skipToLineEnd) {
            this.skipToLineEnd = true;
            this.parts = [];
            if (this.waiter.mode === "command") return this.deliver({ kind: "tooLong" });
            return this.deliver("");
          }
        }
        if (this.closed) return this.deliver(this.closedResult());
        break;
      }
      const end = lf > 0 && this.buffer[lf - 1] === 13 ? lf - 1 : lf;
      const line = this.buffer.subarray(0, end).toString("latin1");
      this.buffer = this.buffer.subarray(lf + 1);
      if (this.skipToLineEnd) {
        this.skipToLineEnd = false;
        this.skipped = 0;
        continue;
      }
      if (line.length > this.options.maxLineLength) {
        this.parts = [];
        if (this.waiter.mode === "command") return this.deliver({ kind: "tooLong" });
        return this.deliver("");
      }
      if (this.waiter.mode === "line") return this.deliver(line);
      this.acceptLine(line);
    }
  }

  private closedResult(): ReadResult | null {
    return this.waiter?.mode === "command" ? { kind: "closed" } : null;
  }

  private acceptLine(line: string): void {
    const literal = LITERAL_AT_END.exec(line);
    this.parts.push(line);
    if (!literal) {
      const parts = this.parts;
      this.parts = [];
      return this.deliver({ kind: "command", parts });
    }
    const size = Number(literal[1]);
    const sync = literal[2] !== "+";
    const [tag = "*", command = "", next = ""] = String(this.parts[0]).split(" ", 3);
    const name = command.toUpperCase() === "UID" ? `UID ${next.toUpperCase()}` : command;
    const refusal = Number.isSafeInteger(size)
      ? this.options.judgeLiteral({ tag, command: name.toUpperCase(), size, sync })
      : "BAD Literal too big";
    if (refusal === null) {
      this.literalBytes = size;
      if (sync) this.options.sendContinuation();
      return;
    }
    this.parts = [];
    if (!sync) {
      // The client sends it anyway: swallow it and the rest of its command line, unless it is
      // so big that the connection is better ended (after this refusal).
      if (!Number.isSafeInteger(size) || size > (this.options.maxSkippedLiteral ?? Infinity))
        this.flooded = true;
      else this.discardBytes = size;
      this.skipToLineEnd = true;
    }
    this.deliver({ kind: "refused", tag, response: refusal });
  }
}

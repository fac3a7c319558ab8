// The client's byte stream of one SMTP connection, cut into what the session acts on: command
// lines, or (after DATA was accepted) one message up to its CRLF.CRLF. Input is pulled one item
// at a time, because what follows a command depends on its answer: after "DATA" the rest of the
// same packet is message text only if DATA got its 354.
//
// Command lines end at LF (a CR before it is dropped; a bare CR stays in the line, where the
// commands refuse it). A line longer than maxLineLength is reported once as "too-long" and
// skipped up to its LF, so what is held stays bounded whatever arrives.
//
// A message ends only at CR LF "." CR LF (a dot line after a bare LF or bare CR is message
// text: no SMTP smuggling). A line that starts with ".." loses its first dot. Past sizeLimit the
// text is counted but not kept, so the client still gets its answer after the final dot.

export type SmtpInput =
  | { kind: "line"; text: string }
  | { kind: "too-long" }
  | { kind: "message"; chunks: Buffer[]; size: number; tooBig: boolean };

const LF = 0x0a;
const CR = 0x0d;
const DOT = 0x2e;
const EMPTY = Buffer.alloc(0);

export class SmtpInputParser {
  /** Unread input; `offset` is where reading continues. */
  private buffer: Buffer = EMPTY;
  private offset = 0;
  private discardingLine = false;

  private inData = false;
  /** The next byte to read starts a line of the message. */
  private atLineStart = false;
  /** …and the line break before it was CR LF (only then can a dot line end the message). */
  private afterCrLf = false;
  /** The byte before buffer[offset] was CR (when it was read in an earlier chunk). */
  private previousWasCr = false;
  private chunks: Buffer[] = [];
  private size = 0;
  private sizeLimit = 0;

  constructor(private readonly maxLineLength: number) {}

  /** Bytes received but not yet handed out. */
  get buffered(): number {
    return this.buffer.length - this.offset;
  }

  get readingMessage(): boolean {
    return this.inData;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    if (this.offset >= this.buffer.length) this.buffer = chunk;
    else this.buffer = Buffer.concat([this.buffer.subarray(this.offset), chunk]);
    this.offset = 0;
  }

  /** From now on the input is message text (the session answered DATA with 354). */
  startMessage(sizeLimit: number): void {
    this.inData = true;
    this.atLineStart = true;
    this.afterCrLf = true;
    this.chunks = [];
    this.size = 0;
    this.sizeLimit = sizeLimit;
  }

  /** Forgets all input (STARTTLS: nothing sent before the handshake may be used after it). */
  reset(): void {
    this.buffer = EMPTY;
    this.offset = 0;
    this.discardingLine = false;
    this.inData = false;
    this.chunks = [];
  }

  /** The next complete item, or null when more input is needed. */
  next(): SmtpInput | null {
    return this.inData ? this.nextOfMessage() : this.nextLine();
  }

  private nextLine(): SmtpInput | null {
    const buffer = this.buffer;
    while (this.offset < buffer.length) {
      const start = this.offset;
      const lf = buffer.indexOf(LF, start);
      if (this.discardingLine) {
        if (lf === -1) {
          this.offset = buffer.length;
          return null;
        }
        this.discardingLine = false;
        this.offset = lf + 1;
        continue;
      }
      if (lf === -1) {
        if (buffer.length - start <= this.maxLineLength + 1) return null;
        // +1 leaves room for the CR of a line that is exactly maxLineLength long.
        this.offset = buffer.length;
        this.discardingLine = true;
        return { kind: "too-long" };
      }
      this.offset = lf + 1;
      const end = lf > start && buffer[lf - 1] === CR ? lf - 1 : lf;
      if (end - start > this.maxLineLength) return { kind: "too-long" };
      return { kind: "line", text: buffer.toString("utf8", start, end) };
    }
    return null;
  }

  private nextOfMessage(): SmtpInput | null {
    const buffer = this.buffer;
    let pos = this.offset;
    let kept = pos;
    while (pos < buffer.length) {
      if (this.atLineStart) {
        if (buffer[pos] === DOT) {
          if (pos + 1 >= buffer.length) break; // is it ".." or ".\r\n"? wait for the next byte
          const second = buffer[pos + 1];
          if (second === DOT) {
            this.keep(buffer, kept, pos);
            kept = pos + 1;
          } else if (second === CR && this.afterCrLf) {
            if (pos + 2 >= buffer.length) break;
            if (buffer[pos + 2] === LF) {
              this.keep(buffer, kept, pos);
              this.offset = pos + 3;
              return this.endOfMessage();
            }
          }
        }
        this.atLineStart = false;
      }
      const lf = buffer.indexOf(LF, pos);
      if (lf === -1) {
        pos = buffer.length;
        break;
      }
      this.afterCrLf = lf > this.offset ? buffer[lf - 1] === CR : this.previousWasCr;
      this.atLineStart = true;
      pos = lf + 1;
    }
    this.keep(buffer, kept, pos);
    this.offset = pos;
    // A dot at a line start still undecided stays unread; otherwise the chunk is used up.
    this.previousWasCr = pos > 0 && pos === buffer.length && buffer[pos - 1] === CR;
    if (pos >= buffer.length) {
      this.buffer = EMPTY;
      this.offset = 0;
    }
    return null;
  }

  private keep(buffer: Buffer, start: number, end: number) {
    if (end <= start) return;
    this.size += end - start;
    if (this.size > this.sizeLimit) this.chunks = [];
    // A view, not a copy: the socket hands over a fresh buffer for every read.
    else this.chunks.push(buffer.subarray(start, end));
  }

  private endOfMessage(): SmtpInput {
    const message: SmtpInput = {
      kind: "message",
      chunks: this.chunks,
      size: this.size,
      tooBig: this.size > this.sizeLimit,
    };
    this.inData = false;
    this.chunks = [];
    if (this.offset >= this.buffer.length) {
      this.buffer = EMPTY;
      this.offset = 0;
    }
    return message;
  }
}

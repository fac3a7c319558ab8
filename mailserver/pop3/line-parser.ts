// Splits the client's byte stream into command lines. A line ends at LF (a preceding CR is
// dropped); a line longer than maxLength is reported once as "too-long" and its remaining
// bytes are skipped up to the next LF, so memory stays bounded by maxLength whatever arrives.

export type ParsedLine = { kind: "line"; text: string } | { kind: "too-long" };

const LF = 0x0a;
const CR = 0x0d;

export class LineParser {
  private parts: Buffer[] = [];
  private length = 0;
  private discarding = false;

  constructor(private readonly maxLength: number) {}

  /** Bytes of an unfinished line held between calls (never more than maxLength + 1). */
  get buffered(): number {
    return this.length;
  }

  push(chunk: Buffer): ParsedLine[] {
    const lines: ParsedLine[] = [];
    let start = 0;
    while (start < chunk.length) {
      const lf = chunk.indexOf(LF, start);
      const end = lf === -1 ? chunk.length : lf;
      if (this.discarding) {
        if (lf !== -1) this.discarding = false;
      } else {
        this.append(chunk.subarray(start, end));
        if (this.length > this.maxLength + 1) {
          // +1 leaves room for the CR of a line that is exactly maxLength long.
          this.clear();
          lines.push({ kind: "too-long" });
          this.discarding = lf === -1;
        } else if (lf !== -1) {
          const line = this.take();
          lines.push(
            line.length > this.maxLength
              ? { kind: "too-long" }
              : { kind: "line", text: line.toString("utf8") },
          );
        }
      }
      if (lf === -1) break;
      start = lf + 1;
    }
    return lines;
  }

  /** Forgets everything buffered (STLS: nothing sent before TLS may be used after it). */
  reset(): void {
    this.clear();
    this.discarding = false;
  }

  private append(bytes: Buffer) {
    if (bytes.length === 0) return;
    // Copy: the socket may reuse its chunk, and a subarray would pin the whole chunk.
    this.parts.push(Buffer.from(bytes));
    this.length += bytes.length;
  }

  private take(): Buffer {
    let line = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.length);
    if (line.length > 0 && line[line.length - 1] === CR) line = line.subarray(0, line.length - 1);
    this.clear();
    return line;
  }

  private clear() {
    this.parts = [];
    this.length = 0;
  }
}

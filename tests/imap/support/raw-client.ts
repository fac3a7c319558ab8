// A minimal line-oriented IMAP test client for raw protocol assertions (parser edge cases).
import net from "node:net";
import tls from "node:tls";
import type { Duplex } from "node:stream";
import zlib from "node:zlib";

export class RawImapClient {
  private buffer = "";
  private waiters: Array<() => void> = [];
  closed = false;
  /** Bytes as they crossed the wire (compressed, once COMPRESS is on). */
  wireBytesReceived = 0;

  private deflate: zlib.DeflateRaw | null = null;
  private readonly receive = (d: Buffer) => {
    this.buffer += d.toString("latin1");
    for (const w of this.waiters.splice(0)) w();
  };

  private readonly closedNow = () => {
    this.closed = true;
    for (const w of this.waiters.splice(0)) w();
  };

  private constructor(private readonly socket: Duplex) {
    socket.on("data", (d: Buffer) => (this.wireBytesReceived += d.length));
    socket.on("data", this.receive);
    socket.on("close", this.closedNow);
    socket.on("error", () => {});
  }

  static connect(port: number): Promise<RawImapClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, "127.0.0.1", () => resolve(new RawImapClient(socket)));
      socket.once("error", reject);
    });
  }

  /** Implicit TLS (the test certificate is self-signed). */
  static connectTls(port: number): Promise<RawImapClient> {
    return new Promise((resolve, reject) => {
      const socket = tls.connect({ port, host: "127.0.0.1", rejectUnauthorized: false }, () =>
        resolve(new RawImapClient(socket)),
      );
      socket.once("error", reject);
    });
  }

  send(data: string | Buffer): void {
    if (!this.deflate) {
      this.socket.write(data);
      return;
    }
    this.deflate.write(data);
    // A full flush (a sync flush that also forgets the history) lets sendRaw() slip hand-made
    // DEFLATE blocks in between without breaking later back-references.
    this.deflate.flush(zlib.constants.Z_FULL_FLUSH);
  }

  /**
   * Sends bytes exactly as given, even when compression is on (hand-made DEFLATE data), after
   * everything sent before has left the compressor.
   */
  async sendRaw(data: Buffer): Promise<void> {
    const deflate = this.deflate;
    if (deflate)
      await new Promise<void>((r) => deflate.flush(zlib.constants.Z_FULL_FLUSH, () => r()));
    this.socket.write(data);
  }

  /** After the tagged OK to COMPRESS DEFLATE: raw DEFLATE both ways from here on. */
  compress(): void {
    const inflate = zlib.createInflateRaw();
    // Whatever arrived behind the OK is already compressed.
    const early = Buffer.from(this.buffer, "latin1");
    this.buffer = "";
    if (early.length > 0) inflate.write(early);
    this.socket.off("data", this.receive);
    this.socket.off("close", this.closedNow);
    this.socket.pipe(inflate);
    inflate.on("data", this.receive);
    // Closed once the last inflated bytes are out, not when the socket closes before that.
    inflate.on("end", this.closedNow);
    this.socket.on("close", () => inflate.end());
    inflate.on("error", () => this.socket.destroy());
    this.deflate = zlib.createDeflateRaw();
    this.deflate.on("data", (d: Buffer) => this.socket.write(d));
  }

  /** Waits until the received text matches, returns everything up to and including the match. */
  async until(pattern: RegExp, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = pattern.exec(this.buffer);
      if (m) {
        const end = m.index + m[0].length;
        const text = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end);
        return text;
      }
      if (this.closed) throw new Error(`closed before ${pattern}; got: ${this.buffer}`);
      if (Date.now() > deadline)
        throw new Error(`timeout waiting for ${pattern}; got: ${this.buffer}`);
      await this.nextEvent();
    }
  }

  /** Sends a tagged command and returns all output up to its tagged completion. */
  async command(tag: string, text: string): Promise<string> {
    this.send(`${tag} ${text}\r\n`);
    return this.until(new RegExp(`^${tag} (OK|NO|BAD)[^\\r\\n]*\\r\\n`, "m"));
  }

  pending(): string {
    return this.buffer;
  }

  close(): void {
    this.socket.destroy();
  }

  /** Resolves when data arrives, the connection closes, or after a short while. */
  private nextEvent(): Promise<void> {
    return new Promise<void>((r) => {
      const t = setTimeout(r, 200);
      this.waiters.push(() => {
        clearTimeout(t);
        r();
      });
    });
  }

  /** Resolves once closed (with compression: once the last inflated bytes are out). */
  async waitClosed(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error("not closed");
      await this.nextEvent();
    }
  }
}

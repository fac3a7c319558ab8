// A minimal line-oriented IMAP test client for raw protocol assertions (parser edge cases).
import net from "node:net";

export class RawImapClient {
  private buffer = "";
  private waiters: Array<() => void> = [];
  closed = false;

  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding("latin1");
    socket.on("data", (d: string) => {
      this.buffer += d;
      for (const w of this.waiters.splice(0)) w();
    });
    socket.on("close", () => {
      this.closed = true;
      for (const w of this.waiters.splice(0)) w();
    });
    socket.on("error", () => {});
  }

  static connect(port: number): Promise<RawImapClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, "127.0.0.1", () => resolve(new RawImapClient(socket)));
      socket.once("error", reject);
    });
  }

  send(data: string | Buffer): void {
    this.socket.write(data);
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
      await new Promise<void>((r) => {
        const t = setTimeout(r, 200);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
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

  waitClosed(timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.closed) return resolve();
      const t = setTimeout(() => reject(new Error("not closed")), timeoutMs);
      this.socket.once("close", () => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}

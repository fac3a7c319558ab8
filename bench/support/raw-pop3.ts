// A minimal POP3 client on a raw socket (the same for our server and Dovecot): one command at a
// time, multi-line answers read up to the terminating "." line and un-dot-stuffed.
import net from "node:net";

export class RawPop3 {
  private buf: Buffer = Buffer.alloc(0);
  private waiter: {
    multiline: boolean;
    done: (b: Buffer) => void;
    fail: (e: Error) => void;
  } | null = null;

  private constructor(private socket: net.Socket) {
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => {
      this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
      this.check();
    });
    socket.on("error", (e) => this.waiter?.fail(e));
    socket.on("close", () => this.waiter?.fail(new Error("connection closed")));
  }

  static async connect(port: number): Promise<RawPop3> {
    const socket = net.connect({ host: "127.0.0.1", port });
    const client = new RawPop3(socket);
    const greeting = await client.next(false);
    if (!greeting.toString("latin1").startsWith("+OK")) throw new Error("POP3 greeting");
    return client;
  }

  private check(): void {
    const w = this.waiter;
    if (!w) return;
    const firstEnd = this.buf.indexOf("\r\n");
    if (firstEnd < 0) return;
    let end = firstEnd + 2;
    if (w.multiline && this.buf[0] === 0x2b /* + */) {
      const terminator = this.buf.indexOf("\r\n.\r\n", firstEnd);
      if (terminator < 0) return;
      end = terminator + 5;
    }
    const answer = this.buf.subarray(0, end);
    this.buf = this.buf.subarray(end);
    this.waiter = null;
    w.done(answer);
  }

  private next(multiline: boolean): Promise<Buffer> {
    return new Promise((done, fail) => {
      this.waiter = { multiline, done, fail };
      this.check();
    });
  }

  /** Single-line command: the status line. */
  async command(line: string): Promise<string> {
    this.socket.write(`${line}\r\n`);
    return (await this.next(false)).toString("latin1").trimEnd();
  }

  /** Multi-line command: status line and the data, un-dot-stuffed (null on -ERR). */
  async multiline(line: string): Promise<{ status: string; data: Buffer | null }> {
    this.socket.write(`${line}\r\n`);
    const answer = await this.next(true);
    const firstEnd = answer.indexOf("\r\n");
    const status = answer.toString("latin1", 0, firstEnd);
    if (!status.startsWith("+OK")) return { status, data: null };
    const body = answer.subarray(firstEnd + 2, answer.length - 3);
    return { status, data: undotStuff(body) };
  }

  async login(user: string, password: string): Promise<void> {
    const u = await this.command(`USER ${user}`);
    const p = await this.command(`PASS ${password}`);
    if (!u.startsWith("+OK") || !p.startsWith("+OK")) throw new Error(`POP3 login: ${u} / ${p}`);
  }

  close(): void {
    this.socket.destroy();
  }
}

function undotStuff(body: Buffer): Buffer {
  if (body.indexOf("\r\n.") < 0 && body[0] !== 0x2e) return body;
  const text = body
    .toString("latin1")
    .replace(/^\./, "")
    .replace(/\r\n\./g, "\r\n");
  return Buffer.from(text, "latin1");
}

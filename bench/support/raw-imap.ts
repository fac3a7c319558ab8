// A minimal IMAP client on a raw socket, the same for our server and Dovecot: commands in
// sequence, responses split into lines with {n} literals kept inside their line. Small enough
// per connection to hold 10,000 of them in one process (imapflow is far heavier).
import net from "node:net";

export type ImapResponse = { status: "OK" | "NO" | "BAD"; text: string; untagged: string[] };

export class RawImap {
  private buf: Buffer = Buffer.alloc(0);
  private scanFrom = 0;
  private needBytes = 0;
  private tagCounter = 0;
  private pending: { tag: string; untagged: string[]; done: (r: ImapResponse) => void } | null =
    null;
  private continuation: (() => void) | null = null;
  private greeting: ((line: string) => void) | null = null;
  private failure: ((e: Error) => void) | null = null;
  closed = false;
  /** Untagged lines seen while no command is running (IDLE updates). */
  onUntagged: ((line: string) => void) | null = null;

  private constructor(private socket: net.Socket) {
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => {
      this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
      if (this.buf.length >= this.needBytes) this.parse();
    });
    const fail = (error: Error) => {
      this.closed = true;
      const reject = this.failure;
      this.failure = null;
      reject?.(error);
    };
    socket.on("error", fail);
    socket.on("close", () => fail(new Error("connection closed")));
  }

  static connect(port: number, options: { localAddress?: string } = {}): Promise<RawImap> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: "127.0.0.1", port, localAddress: options.localAddress });
      const client = new RawImap(socket);
      client.failure = reject;
      client.greeting = (line) => {
        client.failure = null;
        if (line.startsWith("* OK")) resolve(client);
        else reject(new Error(`greeting: ${line}`));
      };
    });
  }

  private parse(): void {
    for (;;) {
      const end = this.buf.indexOf("\r\n", this.scanFrom);
      if (end < 0) return;
      const tail = this.buf.toString("latin1", Math.max(this.scanFrom, end - 16), end);
      const literal = /\{(\d+)\}$/.exec(tail);
      if (literal) {
        const next = end + 2 + Number(literal[1]);
        if (this.buf.length < next) {
          this.needBytes = next;
          return;
        }
        this.scanFrom = next;
        continue;
      }
      const line = this.buf.toString("latin1", 0, end);
      this.buf = this.buf.subarray(end + 2);
      this.scanFrom = 0;
      this.needBytes = 0;
      this.handle(line);
    }
  }

  private handle(line: string): void {
    if (this.greeting) {
      const g = this.greeting;
      this.greeting = null;
      g(line);
      return;
    }
    if (line.startsWith("+")) {
      const c = this.continuation;
      this.continuation = null;
      c?.();
      return;
    }
    const p = this.pending;
    if (line.startsWith("* ")) {
      // During IDLE (tags ending in "i") updates go to the listener, else to the command.
      if (p && !p.tag.endsWith("i")) p.untagged.push(line);
      else this.onUntagged?.(line);
      return;
    }
    if (p && line.startsWith(`${p.tag} `)) {
      this.pending = null;
      this.failure = null;
      const rest = line.slice(p.tag.length + 1);
      const status = rest.slice(0, rest.indexOf(" ") >>> 0) as ImapResponse["status"];
      p.done({ status, text: rest, untagged: p.untagged });
    }
  }

  /** Sends one command (text without tag and CRLF; optional literal data) and waits for its end. */
  command(text: string, literal?: Buffer): Promise<ImapResponse> {
    if (this.closed) return Promise.reject(new Error("connection closed"));
    const tag = `a${++this.tagCounter}`;
    return new Promise((resolve, reject) => {
      this.pending = { tag, untagged: [], done: resolve };
      this.failure = reject;
      if (literal) {
        // LITERAL+ (RFC 7888), offered by both servers: no round trip for the "+".
        this.socket.write(`${tag} ${text} {${literal.length}+}\r\n`);
        this.socket.write(literal);
        this.socket.write("\r\n");
      } else this.socket.write(`${tag} ${text}\r\n`);
    });
  }

  /** Starts IDLE; resolves when the server answered "+". `stop` sends DONE and waits for OK. */
  async idle(onUpdate: (line: string) => void): Promise<{ stop(): Promise<ImapResponse> }> {
    const tag = `a${++this.tagCounter}i`;
    let finished!: Promise<ImapResponse>;
    await new Promise<void>((resolve, reject) => {
      this.continuation = resolve;
      this.failure = reject;
      finished = new Promise((done) => {
        this.pending = { tag, untagged: [], done };
      });
      this.onUntagged = onUpdate;
      this.socket.write(`${tag} IDLE\r\n`);
    });
    return {
      stop: () => {
        this.socket.write("DONE\r\n");
        return finished.finally(() => (this.onUntagged = null));
      },
    };
  }

  async login(user: string, password: string): Promise<void> {
    const r = await this.command(`LOGIN ${quote(user)} ${quote(password)}`);
    if (r.status !== "OK") throw new Error(`LOGIN ${user}: ${r.text}`);
  }

  close(): void {
    this.closed = true;
    this.socket.destroy();
  }
}

export function quote(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

// Shared by the POP3 tests: a POP3 service in this process on ports the OS picks, mailboxes
// seeded through lib/, real clients (Python poplib, curl) and a raw socket for the errors.
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";
import { promisify } from "node:util";
import { loadEnv } from "@/lib/env";
import { addDomain } from "@/lib/server/domain/add-domain";
import { addMailbox } from "@/lib/server/mailbox/add-mailbox";
import { deliverMessage } from "@/lib/server/mail-store/deliver-message";
import type { Pop3Options } from "@/mailserver/pop3/limits";
import { startPop3Services } from "@/mailserver/pop3";
import type { RunningService } from "@/mailserver/service";
import { loadTlsCredentials } from "@/mailserver/tls/tls-credentials";
import { captureLogs } from "../support/captured-logger";

export const actor = { type: "system" as const };
const run = promisify(execFile);

export type Pop3Server = {
  plainPort: number;
  tlsPort: number;
  logs: string[];
  close(): Promise<void>;
};

// One self-signed certificate per test file (making it is the slow part).
const tlsDir = mkdtempSync(path.join(os.tmpdir(), "octeportal-pop3-tls-"));

export async function startPop3(options: Pop3Options = {}): Promise<Pop3Server> {
  const env = { ...loadEnv(), POP3_PORT: 0, POP3S_PORT: 0, DATA_DIR: tlsDir };
  const { logger, lines: logs } = captureLogs();
  const tlsCredentials = await loadTlsCredentials(env, logger);
  const services: RunningService[] = await startPop3Services(
    { env, tls: tlsCredentials, logger },
    options,
  );
  const port = (name: string) => services.find((s) => s.name === name)!.port;
  return {
    plainPort: port("pop3"),
    tlsPort: port("pop3s"),
    logs,
    close: async () => void (await Promise.all(services.map((s) => s.close()))),
  };
}

export async function seedMailbox(address: string, password: string, messages: Buffer[] = []) {
  const domain = address.split("@")[1];
  await addDomain({ name: domain, actor }).catch((e) => {
    if (e.code !== "ALREADY_EXISTS") throw e;
  });
  const mailbox = await addMailbox({ address, password, actor });
  for (const raw of messages) await deliverMessage({ mailboxId: mailbox.id, raw });
  return mailbox;
}

// ---- real clients ------------------------------------------------------------------------------

export type PoplibStep = [string, ...(number | string)[]];
export type PoplibSpec = {
  port: number;
  mode: "plain" | "stls" | "ssl";
  user: string;
  password: string;
  login?: "user" | "none";
  steps: PoplibStep[];
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function poplib(spec: PoplibSpec): Promise<any> {
  const script = path.join(import.meta.dirname, "clients", "poplib_session.py");
  const { stdout } = await run(
    "python3",
    [script, JSON.stringify({ host: "127.0.0.1", ...spec })],
    { timeout: 30_000, maxBuffer: 256 * 1024 * 1024 },
  );
  return JSON.parse(stdout);
}

export const fromBase64 = (b64: string) => Buffer.from(b64, "base64");

/** curl's POP3 client; returns stdout as bytes. */
export async function curl(args: string[]): Promise<Buffer> {
  const { stdout } = await run("curl", ["--silent", "--show-error", "--max-time", "20", ...args], {
    encoding: "buffer",
    timeout: 30_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return stdout;
}

// ---- raw socket --------------------------------------------------------------------------------

/** A bare line-oriented client, for answers no polite client would provoke. */
export class RawClient {
  private buffer = Buffer.alloc(0);
  private waiters: Array<() => void> = [];
  closed = false;

  private constructor(private socket: net.Socket) {
    this.listen(socket);
  }

  static async connect(port: number): Promise<RawClient> {
    const socket = net.connect(port, "127.0.0.1");
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("error", reject);
    });
    return new RawClient(socket);
  }

  static async connectTls(port: number): Promise<RawClient> {
    const socket = tls.connect({ port, host: "127.0.0.1", rejectUnauthorized: false });
    await new Promise<void>((resolve, reject) => {
      socket.once("secureConnect", resolve);
      socket.once("error", reject);
    });
    return new RawClient(socket);
  }

  private listen(socket: net.Socket) {
    socket.on("data", (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.wake();
    });
    socket.on("close", () => {
      this.closed = true;
      this.wake();
    });
    socket.on("error", () => {});
  }

  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  send(text: string | Buffer): void {
    this.socket.write(text);
  }

  /** Sends a command line and returns the first line of the answer. */
  async command(line: string): Promise<string> {
    this.send(`${line}\r\n`);
    return this.line();
  }

  /** The next line without its CRLF; throws if the server closes first. */
  async line(timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const lf = this.buffer.indexOf(0x0a);
      if (lf !== -1) {
        const line = this.buffer.subarray(0, lf).toString("utf8").replace(/\r$/, "");
        this.buffer = this.buffer.subarray(lf + 1);
        return line;
      }
      if (this.closed) throw new Error("connection closed");
      await this.wait(deadline);
    }
  }

  /** Lines of a multi-line answer after its +OK line, up to (not including) ".". */
  async multiline(): Promise<string[]> {
    const lines: string[] = [];
    for (let l = await this.line(); l !== "."; l = await this.line()) lines.push(l);
    return lines;
  }

  /** Resolves when the server has closed the connection. */
  async closedByServer(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) await this.wait(deadline);
  }

  /** Upgrades this connection to TLS after the server's +OK to STLS. */
  async startTls(): Promise<void> {
    const secure = tls.connect({ socket: this.socket, rejectUnauthorized: false });
    await new Promise<void>((resolve, reject) => {
      secure.once("secureConnect", resolve);
      secure.once("error", reject);
    });
    this.socket.removeAllListeners("data");
    this.socket = secure;
    this.listen(secure);
  }

  end(): void {
    this.socket.destroy();
  }

  private wait(deadline: number): Promise<void> {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return Promise.reject(new Error("timed out waiting for the server"));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error("timed out waiting for the server")),
        remaining,
      );
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

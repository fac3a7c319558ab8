// One POP3 client connection: reads command lines, runs them one at a time in the order they
// arrived (PIPELINING), enforces the per-connection limits, and owns the socket through STLS.
import type net from "node:net";
import tls from "node:tls";
import { authenticateMailbox } from "@/lib/server/auth/authenticate-mailbox";
import { isLoopback } from "@/lib/server/auth/login-policy";
import { logTls } from "../listener/mail-listener";
import type { MailLogger } from "../logging/mail-logger";
import type { MailContext } from "../service";
import type { Pop3State } from "./command";
import { findCommand } from "./commands";
import type { Pop3Limits } from "./limits";
import { LineParser, type ParsedLine } from "./line-parser";
import { MaildropSession, type SessionState } from "./maildrop-session";
import { writeWithBackpressure } from "./backpressure";
import { sendDotStuffed } from "./message-output";
import { loginFailureResponse, sessionEndedResponse } from "./responses";

export type ConnectionOptions = {
  ctx: MailContext;
  limits: Pop3Limits;
  /** The connection id (cid) every log line about this connection carries. */
  id: string;
  logger: MailLogger;
  /** The listener speaks plain POP3 and offers STLS (false for the implicit-TLS port). */
  offersStls: boolean;
  peerAddress: string | undefined;
  onClose: () => void;
};

export class Pop3Connection {
  state: Pop3State = "AUTHORIZATION";
  secure: boolean;
  /** Name given with USER, waiting for PASS. */
  pendingUser: string | null = null;
  maildrop: MaildropSession | null = null;

  private socket: net.Socket;
  private readonly parser: LineParser;
  private readonly queue: ParsedLine[] = [];
  private busy = false;
  /** A write is waiting for the client to read (socket buffer full). */
  private waitingForClient = false;
  private closed = false;
  /** A last line was sent; nothing more is read or run. */
  private closing = false;
  private upgrading = false;
  private shuttingDown = false;
  private badCommands = 0;
  private longLines = 0;
  private authFailures = 0;
  private saslContinuation: ((line: string) => Promise<void>) | null = null;
  private readonly idleTimer: NodeJS.Timeout;
  private readonly closeWaiters: Array<() => void> = [];

  constructor(
    socket: net.Socket,
    private readonly options: ConnectionOptions,
  ) {
    this.socket = socket;
    this.secure = socket instanceof tls.TLSSocket;
    this.parser = new LineParser(options.limits.maxLineLength);
    this.idleTimer = setTimeout(() => this.onIdle(), options.limits.idleTimeoutMs);
    this.attach(socket);
    void this.write("+OK Octeportal POP3 ready.\r\n");
  }

  get peerAddress(): string | undefined {
    return this.options.peerAddress;
  }

  get limits(): Pop3Limits {
    return this.options.limits;
  }

  /** STLS is on offer: plain listener, not yet upgraded, not yet logged in. */
  get canStartTls(): boolean {
    return this.options.offersStls && !this.secure && this.state === "AUTHORIZATION";
  }

  /** USER/PASS and AUTH PLAIN need TLS, except from loopback (Dovecot's default). */
  get plaintextAllowed(): boolean {
    return this.secure || isLoopback(this.options.peerAddress);
  }

  log(message: string): void {
    this.options.logger.info(message);
  }

  get logger(): MailLogger {
    return this.options.logger;
  }

  // ---- answers -----------------------------------------------------------------------------

  ok(text: string): Promise<void> {
    return this.write(`+OK ${text}\r\n`);
  }

  err(text: string): Promise<void> {
    return this.write(`-ERR ${text}\r\n`);
  }

  /** A multi-line answer whose lines we wrote ourselves (listings, CAPA). */
  sendLines(status: string, lines: string[]): Promise<void> {
    const body = lines.map((l) => (l.startsWith(".") ? `.${l}\r\n` : `${l}\r\n`)).join("");
    return this.write(`+OK ${status}\r\n${body}.\r\n`);
  }

  /** A message (RETR/TOP), dot-stuffed chunk by chunk, waiting for the socket to drain. */
  async sendMessage(
    status: string,
    parts: Iterable<Buffer> | AsyncIterable<Buffer>,
  ): Promise<void> {
    await sendDotStuffed(
      (data) => this.write(data),
      `+OK ${status}\r\n`,
      parts,
      this.options.limits.writeChunkBytes,
      () => this.closed,
    );
  }

  /** An unknown, malformed or out-of-state command; too many of them end the connection. */
  async badCommand(text: string): Promise<void> {
    this.badCommands++;
    if (this.badCommands >= this.options.limits.maxBadCommands) {
      this.logger.warn({ event: "protocol_error", reason: "too many bad commands" }, "closing");
      this.closeWith("-ERR Too many bad commands, closing.\r\n");
      return;
    }
    await this.err(text);
  }

  /** Sends an empty SASL challenge; the next line is the client's response, not a command. */
  askSaslResponse(handler: (line: string) => Promise<void>): Promise<void> {
    this.saslContinuation = handler;
    return this.write("+ \r\n");
  }

  // ---- login ---------------------------------------------------------------------------------

  /** USER/PASS and AUTH PLAIN end here: the one login decision, then the maildrop lock. */
  async login(address: string, password: string): Promise<void> {
    const decision = await authenticateMailbox({
      door: "POP3",
      address,
      password,
      ip: this.options.peerAddress ?? null,
      secure: this.secure,
    });
    if (!decision.ok) {
      this.logger.warn(
        {
          event: "auth",
          result: "failed",
          address: address.slice(0, 100),
          reason: decision.reason,
        },
        "authentication failed",
      );
      await this.loginFailed(loginFailureResponse(decision.reason));
      return;
    }
    let session: MaildropSession | null;
    try {
      session = await MaildropSession.open(decision.mailbox, this.options.limits);
    } catch (error) {
      this.log(`maildrop of ${decision.mailbox.address} unavailable: ${(error as Error).message}`);
      await this.err("[SYS/TEMP] The mailbox cannot be opened right now, try again later.");
      return;
    }
    if (!session) {
      this.log(`maildrop of ${decision.mailbox.address} in use`);
      await this.err("[IN-USE] Mailbox is in use by another POP3 session.");
      return;
    }
    if (this.closed) {
      await session.release().catch(() => {});
      return;
    }
    this.maildrop = session;
    this.state = "TRANSACTION";
    const { count, octets } = session.totals();
    this.logger.info(
      { event: "auth", result: "ok", address: decision.mailbox.address, messages: count },
      "authenticated",
    );
    await this.ok(`Logged in, ${count} messages (${octets} octets).`);
  }

  private async loginFailed(response: string): Promise<void> {
    this.authFailures++;
    if (this.authFailures >= this.options.limits.maxAuthFailures) {
      this.closeWith(`-ERR ${response}\r\n`);
      return;
    }
    await this.err(response);
  }

  // ---- STLS ------------------------------------------------------------------------------------

  /** RFC 2595 §4: answer +OK, then TLS; nothing the client sent before TLS is kept. */
  async startTls(): Promise<void> {
    const plain = this.socket;
    this.upgrading = true;
    plain.pause();
    plain.off("data", this.onData);
    this.queue.length = 0;
    this.parser.reset();
    await this.ok("Begin TLS negotiation now.");
    if (this.closed) return;
    const secureSocket = new tls.TLSSocket(plain, {
      isServer: true,
      secureContext: this.options.ctx.tls.current(),
    });
    const handshake = setTimeout(
      () => secureSocket.destroy(),
      this.options.limits.tlsHandshakeTimeoutMs,
    );
    const secured = await new Promise<boolean>((resolve) => {
      secureSocket.once("secure", () => resolve(true));
      secureSocket.once("error", () => resolve(false));
      secureSocket.once("close", () => resolve(false));
    });
    clearTimeout(handshake);
    if (!secured || this.closed) {
      this.log("STLS handshake failed");
      secureSocket.destroy();
      plain.destroy();
      return;
    }
    this.socket = secureSocket;
    this.secure = true;
    this.upgrading = false;
    logTls(this.logger, secureSocket, "starttls");
    this.attach(secureSocket);
  }

  // ---- shutdown ------------------------------------------------------------------------------

  /** Graceful stop: an idle session is told now; a busy one after its current command. */
  shutdown(): Promise<void> {
    this.shuttingDown = true;
    if (!this.busy) this.closeWith("-ERR [SYS/TEMP] Server shutting down, try again shortly.\r\n");
    return this.closedPromise();
  }

  /** Cuts the connection off at once. */
  destroy(): void {
    this.socket.destroy();
  }

  closedPromise(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => this.closeWaiters.push(resolve));
  }

  /** Sends a last line and closes; a client that does not read is cut off shortly after. */
  closeWith(lastLine: string): void {
    if (this.closed || this.closing) return;
    this.closing = true;
    this.queue.length = 0;
    const socket = this.socket;
    socket.end(lastLine);
    setTimeout(() => socket.destroy(), 2_000).unref();
  }

  // ---- reading and running commands ----------------------------------------------------------

  private attach(socket: net.Socket) {
    // Every answer is written whole; waiting to merge small packets only adds latency.
    socket.setNoDelay(true);
    socket.on("data", this.onData);
    socket.on("error", (error: Error) => {
      if ((error as NodeJS.ErrnoException).code !== "ECONNRESET")
        this.logger.warn({ event: "protocol_error", err: error.message }, "socket error");
      socket.destroy();
    });
    socket.once("close", () => void this.onClosed());
    socket.resume();
  }

  private readonly onData = (chunk: Buffer) => {
    this.idleTimer.refresh();
    if (this.closed || this.closing || this.upgrading) return;
    for (const line of this.parser.push(chunk)) this.queue.push(line);
    if (this.queue.length >= this.options.limits.maxQueuedLines) this.socket.pause();
    void this.pump();
  };

  private async pump() {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.queue.length > 0 && !this.closed && !this.closing && !this.upgrading) {
        await this.handle(this.queue.shift()!);
        if (this.shuttingDown) {
          this.closeWith("-ERR [SYS/TEMP] Server shutting down, try again shortly.\r\n");
          break;
        }
      }
    } catch (error) {
      this.logger.error(
        { event: "internal_error", err: (error as Error).stack ?? String(error) },
        "internal error",
      );
      this.closeWith("-ERR [SYS/TEMP] Internal server error.\r\n");
    } finally {
      this.busy = false;
    }
    if (!this.closed && !this.closing && !this.upgrading && this.socket.isPaused())
      this.socket.resume();
  }

  private async handle(line: ParsedLine): Promise<void> {
    if (line.kind === "too-long") {
      this.saslContinuation = null;
      this.longLines++;
      if (this.longLines >= this.options.limits.maxLongLines) {
        this.logger.warn({ event: "protocol_error", reason: "too many long lines" }, "closing");
        this.closeWith("-ERR Too many over-long lines, closing.\r\n");
        return;
      }
      await this.err("Line too long.");
      return;
    }
    const continuation = this.saslContinuation;
    if (continuation) {
      this.saslContinuation = null;
      await continuation(line.text);
      return;
    }
    const space = line.text.indexOf(" ");
    const name = (space === -1 ? line.text : line.text.slice(0, space)).toUpperCase();
    const args = space === -1 ? "" : line.text.slice(space + 1);
    const command = findCommand(name);
    if (!command) return this.badCommand("Unknown command.");
    if (!command.states.includes(this.state))
      return this.badCommand(`${name} is not allowed in the ${this.state} state.`);
    const session = this.maildrop;
    if (this.state === "TRANSACTION" && session && !command.checksSession) {
      if (!(await this.admit(session.check()))) return;
    }
    await command.run(this, args);
  }

  /**
   * Settles a command's session check: true when the command may answer. A password change,
   * suspension, access turned off or lost lock ends the session here, saying why; a check that
   * could not be made (database away) answers [SYS/TEMP] and keeps the session.
   */
  async admit(check: Promise<SessionState>): Promise<boolean> {
    let state: SessionState;
    try {
      state = await check;
    } catch {
      await this.err("[SYS/TEMP] Temporary server failure, try again later.");
      return false;
    }
    if (state === "valid") return true;
    this.log(`session of ${this.maildrop?.mailbox.address} ended: ${state}`);
    this.closeWith(`-ERR ${sessionEndedResponse(state)}\r\n`);
    return false;
  }

  private onIdle() {
    if (this.closed) return;
    // Our own work (a slow database, the login delay) is not the client being idle; a client
    // that stopped reading what we send is.
    if (this.busy && !this.waitingForClient) {
      this.idleTimer.refresh();
      return;
    }
    this.log("idle timeout");
    this.closeWith("-ERR Disconnected for inactivity. Nothing was deleted.\r\n");
  }

  private async onClosed() {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.idleTimer);
    this.queue.length = 0;
    const session = this.maildrop;
    this.maildrop = null;
    if (session) await session.release().catch(() => {});
    this.options.onClose();
    for (const resolve of this.closeWaiters.splice(0)) resolve();
  }

  // ---- writing -------------------------------------------------------------------------------

  private async write(data: string | Buffer | readonly Buffer[]): Promise<void> {
    if (this.closed) return;
    this.idleTimer.refresh();
    this.waitingForClient = true;
    try {
      await writeWithBackpressure(this.socket, data);
    } finally {
      this.waitingForClient = false;
    }
    // A slow reader that keeps reading is not idle.
    this.idleTimer.refresh();
  }
}

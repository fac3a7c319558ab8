// One SMTP client connection: reads its input (input-parser.ts), runs one command at a time in
// the order they arrived (PIPELINING), and owns the socket through STARTTLS. Replies are
// collected while commands run without waiting and written together once the session needs
// more input (RFC 2920 §3.2), so a pipelined batch costs one socket write.
import type net from "node:net";
import tls from "node:tls";
import type { AuthenticatedMailbox } from "@/lib/server/auth/authenticate-mailbox";
import { logTls } from "../listener/mail-listener";
import type { MailLogger } from "../logging/mail-logger";
import type { SmtpState } from "./command";
import { findCommand } from "./commands";
import { messageReceived } from "./commands/data";
import { mayAuthenticate } from "./door";
import { SmtpInputParser, type SmtpInput } from "./input-parser";
import type { AcceptedRecipient } from "./message-transaction";
import { FIXED, replies } from "./smtp-reply";
import type { SmtpServerSettings } from "./server-settings";

/** Unknown commands (or over-long lines), and commands without AUTH on submission, allowed. */
const MAX_UNRECOGNIZED = 10;
const MAX_UNAUTHENTICATED = 10;
/** Input held while a command waits (pipelined commands, a message) before reading pauses. */
const MAX_BUFFERED_WHILE_BUSY = 256 * 1024;
const HANDSHAKE_TIMEOUT_MS = 30_000;
/** After our last reply, how long a client may keep its side of the connection open. */
const CLOSE_GRACE_MS = 2_000;
const HTTP_REQUEST = /^(OPTIONS|GET|HEAD|POST|PUT|DELETE|TRACE|CONNECT) \/.* HTTP\/\d\.\d$/i;

export class SmtpSession {
  state: SmtpState = "connected";
  secure: boolean;
  /** The HELO/EHLO name (checked, lower case); "" before one. */
  helo = "";
  /** The client greeted with EHLO (RFC 3848 "ESMTP"). */
  extended = false;
  user: AuthenticatedMailbox | null = null;
  /** Negotiated TLS version and cipher, for the Received header. */
  tlsVersion: string | null = null;
  tlsCipher: string | null = null;

  /** The mail transaction: sender, SIZE= announced, recipients accepted so far. */
  mailFrom = "";
  declaredSize: number | undefined = undefined;
  recipients: AcceptedRecipient[] = [];
  /** Refused RCPTs in this connection (address harvesting). */
  refusedRecipients = 0;

  private socket: net.Socket;
  private readonly parser: SmtpInputParser;
  private out = "";
  private busy = false;
  private closed = false;
  private closing = false;
  /** Between DATA's 354 and the message's reply: shutdown waits for it. */
  private receiving = false;
  private onMessageSettled: (() => void) | null = null;
  private continuation: ((line: string) => void | Promise<void>) | null = null;
  private unrecognized = 0;
  private unauthenticated = 0;

  constructor(
    socket: net.Socket,
    readonly settings: SmtpServerSettings,
    /** The connection id: in every log line and in the Received header. */
    readonly id: string,
    readonly remoteAddress: string,
    readonly logger: MailLogger,
  ) {
    this.socket = socket;
    this.secure = socket instanceof tls.TLSSocket;
    if (this.secure) this.noteTls(socket as tls.TLSSocket);
    this.parser = new SmtpInputParser(settings.maxLineLength);
    this.attach(socket);
    this.send(settings.greeting);
    this.flush();
  }

  get door() {
    return this.settings.door;
  }

  get mayAuthenticate(): boolean {
    return mayAuthenticate(this.settings.door, this);
  }

  // ---- replies --------------------------------------------------------------------------

  /** Queues a reply (complete lines); it goes out with the next flush. */
  send(reply: string): void {
    if (!this.closing) this.out += reply;
  }

  /** Sends a last reply and closes; a client that does not close its side is cut off soon. */
  closeWith(lastReply: string): void {
    if (this.closing || this.closed) return;
    const out = this.out + lastReply;
    this.out = "";
    this.closing = true;
    this.continuation = null;
    const socket = this.socket;
    if (socket.destroyed) return;
    socket.setTimeout(CLOSE_GRACE_MS);
    socket.end(out);
    // The kernel took the last reply: close now. The kernel still delivers it, and a client
    // that resets the connection after QUIT (smtp-source does) then costs Node no error
    // object with a stack trace. Over TLS the close_notify has to go through Node first.
    if (!this.secure && socket.writableLength === 0) socket.destroy();
  }

  private flush(): void {
    if (this.out === "" || this.closing) return;
    const out = this.out;
    this.out = "";
    if (this.socket.destroyed || !this.socket.writable) return;
    // A client that pipelines without reading our replies is not read until it catches up.
    if (!this.socket.write(out) && !this.socket.isPaused()) {
      this.socket.pause();
      this.socket.once("drain", this.resumeReading);
    }
  }

  // ---- transaction ----------------------------------------------------------------------

  /** HELO/EHLO, RSET, STARTTLS and every answered message end the transaction. */
  resetTransaction(): void {
    this.state = this.helo ? "greeted" : "connected";
    this.mailFrom = "";
    this.declaredSize = undefined;
    if (this.recipients.length > 0) this.recipients = [];
  }

  /** DATA was accepted: what follows is the message. */
  beginMessage(): void {
    this.send(FIXED.startData);
    this.receiving = true;
    this.parser.startMessage(this.settings.door.maxMessageSize);
  }

  /** The message's reply: the transaction is over and a waiting shutdown may go on. */
  messageAnswered(reply: string): void {
    this.send(reply);
    this.receiving = false;
    this.resetTransaction();
    this.onMessageSettled?.();
  }

  /** The next input line goes to this handler instead of being a command (SASL). */
  expectContinuation(handler: (line: string) => void | Promise<void>): void {
    this.continuation = handler;
  }

  // ---- STARTTLS -------------------------------------------------------------------------

  /** RFC 3207: answer 220, then TLS; everything from before it is forgotten. */
  async startTls(): Promise<void> {
    const plain = this.socket;
    this.send(FIXED.startTls);
    this.flush();
    plain.off("data", this.onData);
    plain.off("timeout", this.onTimeout);
    plain.setTimeout(0);
    plain.pause();
    this.parser.reset();
    this.helo = "";
    this.extended = false;
    this.resetTransaction();
    const secure = new tls.TLSSocket(plain, {
      isServer: true,
      secureContext: this.settings.ctx.tls.current(),
    });
    const handshake = setTimeout(() => secure.destroy(), HANDSHAKE_TIMEOUT_MS);
    const ok = await new Promise<boolean>((resolve) => {
      secure.once("secure", () => resolve(true));
      secure.once("error", () => resolve(false));
      secure.once("close", () => resolve(false));
    });
    clearTimeout(handshake);
    if (!ok || this.closed) {
      this.logger.info({ event: "protocol_error", reason: "STARTTLS handshake failed" }, "TLS");
      secure.destroy();
      plain.destroy();
      return;
    }
    this.socket = secure;
    this.secure = true;
    this.noteTls(secure);
    logTls(this.logger, secure, "starttls");
    this.attach(secure);
  }

  private noteTls(socket: tls.TLSSocket) {
    this.tlsVersion = socket.getProtocol();
    this.tlsCipher = socket.getCipher()?.name ?? null;
  }

  // ---- shutdown -------------------------------------------------------------------------

  /** Graceful stop: a message being received gets up to graceMs and its reply, then 421. */
  async shutdown(graceMs: number): Promise<void> {
    if (this.closed) return;
    if (this.receiving) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        this.onMessageSettled = resolve;
        timer = setTimeout(resolve, graceMs);
      });
      clearTimeout(timer);
    }
    this.closeWith(FIXED.shuttingDown);
  }

  destroy(): void {
    this.socket.destroy();
  }

  // ---- reading and running commands -----------------------------------------------------

  private attach(socket: net.Socket) {
    // Every reply is written whole; waiting to merge small packets only adds latency.
    socket.setNoDelay(true);
    socket.setTimeout(this.settings.idleTimeoutMs);
    socket.on("timeout", this.onTimeout);
    socket.on("data", this.onData);
    socket.on("error", this.onError);
    socket.once("close", this.onClose);
    socket.resume();
  }

  private readonly onData = (chunk: Buffer) => {
    if (this.closing) return;
    this.parser.push(chunk);
    if (!this.busy) this.pump();
    else if (this.parser.buffered > MAX_BUFFERED_WHILE_BUSY) this.socket.pause();
  };

  private pump(): void {
    while (!this.closing && !this.closed) {
      const input = this.parser.next();
      if (input === null) break;
      let pending: void | Promise<void>;
      try {
        pending = this.handle(input);
      } catch (error) {
        this.internalError(error);
        return;
      }
      if (pending) {
        this.busy = true;
        this.flushIfWaiting();
        pending.then(this.afterCommand, this.internalError);
        return;
      }
    }
    this.flush();
  }

  /** Replies of commands that ran already go out while a slow one waits, unless more follow. */
  private flushIfWaiting() {
    if (this.parser.buffered === 0) this.flush();
  }

  private readonly afterCommand = () => {
    this.busy = false;
    this.resumeReading();
    this.pump();
  };

  private readonly resumeReading = () => {
    if (!this.closing && !this.closed && this.socket.isPaused() && !this.socket.writableNeedDrain)
      this.socket.resume();
  };

  private handle(input: SmtpInput): void | Promise<void> {
    if (input.kind === "message") return messageReceived(this, input);
    if (input.kind === "too-long") {
      this.continuation = null;
      return this.unrecognizedCommand(FIXED.lineTooLong);
    }
    const continuation = this.continuation;
    if (continuation) {
      this.continuation = null;
      return continuation(input.text);
    }
    return this.command(input.text);
  }

  private command(line: string): void | Promise<void> {
    if (this.settings.shuttingDown) return this.closeWith(FIXED.shuttingDown);
    const space = line.indexOf(" ");
    const name = (space === -1 ? line : line.slice(0, space)).toUpperCase();
    const command = findCommand(name);
    if (!command) {
      if (HTTP_REQUEST.test(line)) return this.closeWith(FIXED.httpRefused);
      return this.unrecognizedCommand(FIXED.unrecognized);
    }
    const submission = this.settings.door.mode === "submission";
    if (
      submission &&
      !this.user &&
      name !== "AUTH" &&
      ++this.unauthenticated >= MAX_UNAUTHENTICATED
    )
      return this.closeWith(FIXED.tooManyUnauthenticated);
    if (this.state === "connected" && !command.states.includes("connected"))
      return this.send(FIXED.helloFirst);
    if (command.needsAuth && submission && !this.user)
      return this.send(
        (this.mayAuthenticate ? replies.authRequired() : replies.startTlsFirst()).line,
      );
    if (!command.states.includes(this.state))
      return this.send(`503 5.5.1 Error: ${command.wrongState ?? "bad sequence of commands"}\r\n`);
    return command.run(this, space === -1 ? "" : line.slice(space + 1));
  }

  private unrecognizedCommand(reply: string): void {
    if (++this.unrecognized >= MAX_UNRECOGNIZED) return this.closeWith(FIXED.tooManyUnrecognized);
    this.send(reply);
  }

  private readonly internalError = (error: unknown) => {
    this.busy = false;
    this.logger.error(
      { event: "internal_error", err: (error as Error)?.stack ?? String(error) },
      "internal error",
    );
    this.closeWith("421 4.3.0 Internal server error, closing\r\n");
  };

  private readonly onTimeout = () => {
    if (this.closing) return this.socket.destroy();
    // Our own work (the database, the login delay) is not the client being idle.
    if (this.busy) return void this.socket.setTimeout(this.settings.idleTimeoutMs);
    this.closeWith(FIXED.timeout);
  };

  private readonly onError = (error: NodeJS.ErrnoException) => {
    if (error.code !== "ECONNRESET" && error.code !== "EPIPE")
      this.logger.warn({ event: "protocol_error", err: error.message }, "SMTP socket error");
    this.socket.destroy();
  };

  private readonly onClose = () => {
    if (this.closed) return;
    this.closed = true;
    this.continuation = null;
    this.settings.sessions.delete(this);
    this.onMessageSettled?.();
  };
}

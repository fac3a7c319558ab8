// One IMAP connection: the state machine (not authenticated → authenticated → selected →
// logout), command dispatch, untagged updates at command boundaries, limits and live checks.
import type net from "node:net";
import type { Readable } from "node:stream";
import tls from "node:tls";
import { isLoopback } from "@/lib/server/auth/login-policy";
import type { AuthenticatedMailbox } from "@/lib/server/auth/authenticate-mailbox";
import { isDatabaseUnavailable } from "@/lib/server/db/is-database-unavailable";
import { isAppError } from "@/lib/server/errors/app-error";
import { logTls } from "../listener/mail-listener";
import type { MailLogger } from "../logging/mail-logger";
import { capabilities } from "./capabilities";
import { COMMANDS } from "./commands";
import type { CommandContext, Outcome, SessionState } from "./command";
import { CommandReader, type LiteralRequest } from "./command-reader";
import { startDeflate } from "./compression";
import type { Admission } from "./connection-limits";
import { ResponseWriter } from "./response-writer";
import type { SelectedFolder } from "./selected-folder";
import type { ImapShared } from "./shared";
import { Args, ParseError, tokenize, type Token } from "./tokens";

const TAG = /^[\x21-\x7e]+$/;
const TAG_FORBIDDEN = /[(){%*"\\+]/;
const APP_ERROR_CODES: Record<string, string> = {
  NOT_FOUND: "NONEXISTENT",
  ALREADY_EXISTS: "ALREADYEXISTS",
  QUOTA_EXCEEDED: "OVERQUOTA",
  FORBIDDEN: "CANNOT",
  INVALID_INPUT: "CANNOT",
  UNAVAILABLE: "UNAVAILABLE",
  RATE_LIMITED: "LIMIT",
};

export type AfterResponse = () => Promise<void> | void;

export class ImapSession {
  state: SessionState = "notAuthenticated";
  mailbox: AuthenticatedMailbox | null = null;
  selected: SelectedFolder | null = null;
  /** CONDSTORE enabled or used: FETCH responses carry MODSEQ (RFC 7162 §3.1). */
  condstore = false;
  /** QRESYNC enabled: expunges are announced as VANISHED (RFC 7162 §3.2.10). */
  qresync = false;
  /** Set by a handler (STARTTLS, LOGOUT) to run once its tagged answer is on the wire. */
  afterResponse: AfterResponse | null = null;
  idling = false;
  /** COMPRESS=DEFLATE is active (RFC 4978). */
  compressed = false;
  readonly writer: ResponseWriter;
  /** Where client bytes come from: the socket, or the inflater once compression is on. */
  private input!: Readable;
  readonly reader: CommandReader;
  private badCommands = 0;
  private waitingForCommand = false;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private shuttingDown = false;

  constructor(
    private socket: net.Socket | tls.TLSSocket,
    public secure: boolean,
    readonly ip: string,
    readonly shared: ImapShared,
    /** The connection's logger ({cid, proto, remoteAddress}). */
    readonly logger: MailLogger,
    /** The connection id (cid). */
    readonly id: string,
    private readonly admission: Admission,
  ) {
    this.writer = new ResponseWriter(socket);
    this.reader = new CommandReader({
      maxLineLength: shared.limits.maxLineLength,
      judgeLiteral: (r) => this.judgeLiteral(r),
      sendContinuation: () => void this.writer.line("+ Ready for literal data"),
      pause: () => this.input.pause(),
      resume: () => this.input.resume(),
      maxSkippedLine: 16 * shared.limits.maxLineLength,
      maxSkippedLiteral: 2 * Math.max(shared.limits.appendLimit, shared.limits.maxCommandLiteral),
    });
    this.attach(socket);
  }

  get plaintextLoginAllowed(): boolean {
    return this.secure || isLoopback(this.ip);
  }

  log(message: string): void {
    this.logger.info(message);
  }

  private readonly onData = (chunk: Buffer) => {
    this.touch();
    this.reader.feed(chunk);
  };
  private readonly onEnd = () => this.reader.end();

  private listen(input: Readable): void {
    this.input = input;
    input.on("data", this.onData);
    input.on("end", this.onEnd);
  }

  private attach(socket: net.Socket | tls.TLSSocket): void {
    this.socket = socket;
    this.writer.setOutput(socket);
    this.listen(socket);
    socket.on("close", () => {
      this.reader.end();
      this.cleanup();
    });
    socket.on("error", () => socket.destroy());
  }

  async run(): Promise<void> {
    this.touch();
    await this.writer.line(`* OK [CAPABILITY ${capabilities(this)}] Octeportal IMAP ready`);
    while (this.state !== "logout" && !this.closed) {
      this.waitingForCommand = true;
      this.touch();
      const input = await this.reader.readCommand();
      this.waitingForCommand = false;
      this.touch();
      if (input.kind === "closed") break;
      if (input.kind === "flood") {
        // Stop reading (and inflating) at once; close as soon as the BYE is out.
        this.input.pause();
        this.socket.once("finish", () => this.socket.destroy());
        await this.bye("Too much data that cannot be accepted");
        break;
      }
      if (input.kind === "tooLong") {
        await this.writer.line("* BAD Command line too long");
        if (await this.countBad()) break;
        continue;
      }
      if (input.kind === "refused") {
        await this.writer.line(`${input.tag} ${input.response}`);
        continue;
      }
      await this.execute(input.parts);
      if (this.recheckAfterCommand && !this.closed) {
        this.recheckAfterCommand = false;
        await this.stillValid();
      }
      if (this.shuttingDown) await this.bye("Server shutting down, please reconnect shortly");
    }
    this.end();
  }

  /**
   * Graceful stop: a session waiting for its next command (or in IDLE) gets BYE now; one running
   * a command finishes it (its tagged answer included) and gets BYE right after.
   */
  shutdown(): Promise<void> {
    this.shuttingDown = true;
    if (this.closed) return Promise.resolve();
    const closed = new Promise<void>((resolve) => this.socket.once("close", () => resolve()));
    if (this.waitingForCommand || this.idling)
      void this.bye("Server shutting down, please reconnect shortly");
    return closed;
  }

  private async execute(parts: Array<string | Buffer>): Promise<void> {
    let tokens: Token[];
    try {
      tokens = tokenize(parts);
    } catch (error) {
      const tag = typeof parts[0] === "string" ? parts[0].split(" ")[0] : "";
      const prefix = TAG.test(tag) && !TAG_FORBIDDEN.test(tag) ? tag : "*";
      await this.writer.line(`${prefix} BAD ${(error as Error).message}`);
      await this.countBad();
      return;
    }
    const tagToken = tokens[0];
    if (
      tagToken?.type !== "atom" ||
      !TAG.test(tagToken.value) ||
      TAG_FORBIDDEN.test(tagToken.value)
    ) {
      await this.writer.line("* BAD Invalid tag");
      await this.countBad();
      return;
    }
    const tag = tagToken.value;
    const nameToken = tokens[1];
    let name = nameToken?.type === "atom" ? nameToken.value.toUpperCase() : "";
    let argStart = 2;
    let uid = false;
    if (name === "UID") {
      uid = true;
      name = tokens[2]?.type === "atom" ? (tokens[2] as { value: string }).value.toUpperCase() : "";
      argStart = 3;
    }
    const command = COMMANDS.get(name);
    if (!command || (uid && !command.uidVariant)) {
      await this.writer.line(`${tag} BAD Unknown command`);
      await this.countBad();
      return;
    }
    if (!command.states.includes(this.state)) {
      await this.writer.line(`${tag} BAD ${name} is not allowed now`);
      await this.countBad();
      return;
    }
    if (this.logger.isLevelEnabled("debug"))
      this.logger.debug({ event: "command", tag, command: `${uid ? "UID " : ""}${name}` });
    // One query answers both "may this session go on?" and "did the folder change?".
    const check = await this.checkLive(command.readsChanges);
    if (!check.valid) return;
    if (this.selected) this.selected.ownChangeAbsorbed = false;
    const context: CommandContext = { tag, uid };
    let outcome: Outcome;
    try {
      outcome = await command.handle(this, new Args(tokens.slice(argStart)), context);
    } catch (error) {
      outcome = this.failure(error);
    }
    if (outcome.status === "BAD" && (await this.countBad())) return;
    // Read-only commands on an unchanged folder skip the extra round trip; anything that
    // changes meanwhile is announced after the next command.
    // A command that brought the view up to date itself (ownChangeAbsorbed) needs no re-read
    // either, unless expunges it had to hold are waiting.
    const selected = this.selected;
    if (
      selected &&
      this.state === "selected" &&
      (check.folderChanged || command.modifiesSelected) &&
      !(selected.ownChangeAbsorbed && !selected.hasPendingExpunges)
    ) {
      // Without the database the updates wait for a later command (they are tracked by
      // modseq, nothing is lost); the tagged answer must still go out.
      await this.pushUpdates(!(command.holdsExpunges && !uid)).catch((error: unknown) => {
        if (!isDatabaseUnavailable(error)) throw error;
      });
    }
    const code = outcome.code ? `[${outcome.code}] ` : "";
    await this.writer.line(`${tag} ${outcome.status} ${code}${outcome.text}`);
    await this.writer.flushNow();
    const after = this.afterResponse;
    this.afterResponse = null;
    if (after) await after();
  }

  private failure(error: unknown): Outcome {
    if (error instanceof ParseError) return { status: "BAD", text: error.message };
    if (isAppError(error))
      return { status: "NO", code: APP_ERROR_CODES[error.code], text: error.message };
    if (isDatabaseUnavailable(error)) {
      this.logger.warn(
        { event: "database_unavailable", err: (error as Error).message },
        "command failed, database unavailable",
      );
      return {
        status: "NO",
        code: "UNAVAILABLE",
        text: "Mail store unavailable, try again shortly",
      };
    }
    this.logger.error(
      { event: "internal_error", err: (error as Error).stack ?? String(error) },
      "command failed",
    );
    return { status: "NO", code: "SERVERBUG", text: "Internal error, please try again" };
  }

  /**
   * Sends pending EXPUNGE/EXISTS/FETCH updates of the selected folder. shared: woken by a
   * notification or keep-alive, so the change read may be shared with other sessions.
   */
  async pushUpdates(allowExpunge: boolean, shared = false): Promise<void> {
    const selected = this.selected;
    if (!selected) return;
    const epoch = this.shared.changes.epoch;
    const lines = await selected.sync({
      allowExpunge,
      withModseq: this.condstore,
      vanished: this.qresync,
      feed: this.shared.feed,
      shared,
    });
    selected.epoch = epoch;
    if (lines === null) {
      await this.bye("The selected folder was deleted");
      return;
    }
    // One write for the whole burst (the writer would gather them too, one promise each).
    if (lines.length > 0) await this.writer.write(lines.join("\r\n") + "\r\n");
  }

  /** Suspension, password change or IMAP switched off end the session at once. */
  async stillValid(): Promise<boolean> {
    return (await this.checkLive()).valid;
  }

  /** From memory while the process's LISTEN connection vouches for it, else one query. */
  private async checkLive(
    readsChanges = false,
  ): Promise<{ valid: boolean; folderChanged: boolean }> {
    if (!this.mailbox) return { valid: true, folderChanged: false };
    const selected = this.selected;
    const check = await this.shared.live
      .check({
        mailboxId: this.mailbox.id,
        sessionVersion: this.mailbox.sessionVersion,
        folder: selected && {
          id: selected.folderId,
          knownModseq: selected.highestModseq,
          epoch: selected.epoch,
        },
      })
      .catch(() => null); // a database hiccup is not a reason to throw the user out
    if (!check) return { valid: true, folderChanged: true };
    if (!check.valid) {
      await this.bye("Session ended: mailbox access changed, please log in again");
      return { valid: false, folderChanged: false };
    }
    const folderChanged =
      !!selected && (check.folderChanged || readsChanges || selected.hasPendingExpunges);
    return { valid: true, folderChanged };
  }

  /**
   * A notification says this mailbox's access changed: a session waiting for its next command
   * (or in IDLE) checks now and gets BYE at once; one running a command checks right after it.
   */
  private readonly accessChanged = () => {
    if (this.closed) return;
    if (this.waitingForCommand || this.idling) void this.stillValid().catch(() => {});
    else this.recheckAfterCommand = true;
  };
  private recheckAfterCommand = false;
  private unwatchAccess: (() => void) | null = null;

  async bye(text: string): Promise<void> {
    if (this.closed) return;
    await this.writer.line(`* BYE ${text}`);
    this.state = "logout";
    this.end();
  }

  /** Switches to authenticated; false when the per-mailbox connection limit is reached. */
  async login(mailbox: AuthenticatedMailbox): Promise<boolean> {
    if (!(await this.shared.connections.admitMailbox(this.admission, mailbox.id))) return false;
    this.mailbox = mailbox;
    this.state = "authenticated";
    this.unwatchAccess = this.shared.live.watch(mailbox.id, this.accessChanged);
    this.logger.info({ event: "auth", result: "ok", address: mailbox.address }, "authenticated");
    return true;
  }

  judgeLiteral(request: LiteralRequest): string | null {
    const limits = this.shared.limits;
    if (request.command === "APPEND") {
      if (request.size > limits.appendLimit) return "NO [TOOBIG] Message too big for this server";
      return null;
    }
    if (request.size > limits.maxCommandLiteral) return "BAD Literal too big";
    return null;
  }

  /** STARTTLS: from here on only TLS; buffered plaintext is discarded, never executed. */
  startTls(): Promise<void> {
    return new Promise((resolve) => {
      const plain = this.socket as net.Socket;
      plain.removeAllListeners("data");
      plain.removeAllListeners("end");
      plain.removeAllListeners("close");
      plain.removeAllListeners("error");
      this.reader.reset();
      const secure = new tls.TLSSocket(plain, {
        isServer: true,
        ...this.shared.ctx.tls.serverOptions(),
      });
      secure.once("secure", () => {
        this.secure = true;
        logTls(this.logger, secure, "starttls");
        resolve();
      });
      secure.once("error", () => resolve());
      plain.on("close", () => secure.destroy());
      this.attach(secure);
    });
  }

  /**
   * COMPRESS DEFLATE, after its tagged OK went out uncompressed: from here the reader gets
   * inflated bytes and the writer's responses are deflated, over whatever socket is in place.
   */
  startCompression(): void {
    const socket = this.socket;
    socket.off("data", this.onData);
    socket.off("end", this.onEnd);
    const layer = startDeflate(socket, this.reader.takeUnread());
    this.compressed = true;
    this.listen(layer.input);
    this.writer.setOutput(layer.output, layer.flush);
  }

  /**
   * Inactivity timer: runs only while we wait for the client's next command (30 minutes by
   * default); IDLE replaces it with keep-alives.
   */
  touch(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.idling || this.closed || !this.waitingForCommand) return;
    this.idleTimer = setTimeout(
      () => void this.bye("Autologout; idle for too long"),
      this.shared.limits.idleTimeoutMs,
    );
    this.idleTimer.unref();
  }

  private async countBad(): Promise<boolean> {
    this.badCommands++;
    if (this.badCommands < this.shared.limits.maxBadCommands) return false;
    this.logger.warn({ event: "protocol_error", reason: "too many invalid commands" }, "closing");
    await this.bye("Too many invalid commands");
    return true;
  }

  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.state = "logout";
    this.writer.end();
    this.cleanup();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private cleanupDone = false;
  private cleanup(): void {
    this.closed = true;
    if (this.cleanupDone) return;
    this.cleanupDone = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.unwatchAccess?.();
    this.shared.connections.release(this.admission);
    this.onClose?.();
  }

  onClose: (() => void) | null = null;

  destroy(): void {
    this.socket.destroy();
  }
}

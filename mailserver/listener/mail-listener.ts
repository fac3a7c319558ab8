// The accept path every mail listener shares (SMTP, POP3, IMAP; plain and implicit TLS):
// a connection id and child logger, the PROXY protocol header when MAIL_PROXY_PROTOCOL is on
// (read on the raw socket, so it comes before the TLS handshake), the implicit TLS handshake,
// then the protocol gets the socket. Connect and disconnect (duration, bytes) are logged here.
import net from "node:net";
import tls from "node:tls";
import { newConnectionId } from "../logging/connection-id";
import type { MailLogger } from "../logging/mail-logger";
import { readProxyHeader } from "../proxy/read-proxy-header";
import { trustedPeers } from "../proxy/trusted-peers";
import type { MailContext } from "../service";

export type MailProtocol = "smtp" | "pop3" | "imap";

/** One accepted client, ready for its protocol. */
export type MailConnection = {
  cid: string;
  /** The socket the protocol speaks on: TLS already established on an implicit-TLS port. */
  socket: net.Socket;
  /** The client: from the PROXY header when there is one, else the TCP peer. */
  remoteAddress: string;
  remotePort: number;
  /** The address came from a PROXY header (the TCP peer is the load balancer). */
  proxied: boolean;
  logger: MailLogger;
};

export type MailListenerOptions = {
  ctx: MailContext;
  /** Listener name in logs ("smtp", "submission", "pop3s", …). */
  name: string;
  proto: MailProtocol;
  port: number;
  host?: string;
  implicitTls: boolean;
  /** TLS context of the implicit-TLS port; the current certificate (after SIGHUP) by default. */
  secureContext?: () => tls.SecureContext;
  handshakeTimeoutMs?: number;
  proxyHeaderTimeoutMs?: number;
  onConnection(connection: MailConnection): void;
};

export type MailListener = {
  port: number;
  /**
   * Stops accepting and drops connections that have not reached their protocol yet. Resolves
   * once every connection of this listener is closed (the protocol says goodbye meanwhile).
   */
  stopAccepting(): Promise<void>;
  /** Waits up to graceMs for the remaining connections to close, then cuts them off. */
  closeRemaining(graceMs: number): Promise<void>;
};

const DEFAULT_HANDSHAKE_TIMEOUT_MS = 30_000;
const DEFAULT_PROXY_HEADER_TIMEOUT_MS = 5_000;

export function startMailListener(options: MailListenerOptions): Promise<MailListener> {
  const { ctx } = options;
  const listenerLogger = ctx.logger.child({ proto: options.proto, listener: options.name });
  const isTrustedProxy = trustedPeers(ctx.env.MAIL_PROXY_TRUSTED);
  /** Sockets still in the PROXY/TLS stage: nobody else would close them on shutdown. */
  const pending = new Set<net.Socket>();
  const open = new Set<net.Socket>();

  const accept = async (raw: net.Socket) => {
    const started = Date.now();
    const cid = newConnectionId();
    const peer = raw.remoteAddress ?? "unknown";
    let logger = listenerLogger.child({ cid, remoteAddress: peer });
    raw.on("error", () => raw.destroy());
    pending.add(raw);
    open.add(raw);
    raw.once("close", () => {
      pending.delete(raw);
      open.delete(raw);
      logger.info(
        {
          event: "disconnect",
          durationMs: Date.now() - started,
          bytesIn: raw.bytesRead,
          bytesOut: raw.bytesWritten,
        },
        "disconnected",
      );
    });
    try {
      let remoteAddress = peer;
      let remotePort = raw.remotePort ?? 0;
      let proxied = false;
      if (ctx.env.MAIL_PROXY_PROTOCOL) {
        if (!isTrustedProxy(peer)) {
          logger.warn({ event: "proxy_refused", reason: "untrusted peer" }, "PROXY refused");
          raw.destroy();
          return;
        }
        const header = await readProxyHeader(
          raw,
          options.proxyHeaderTimeoutMs ?? DEFAULT_PROXY_HEADER_TIMEOUT_MS,
        );
        if (header.source) {
          remoteAddress = header.source.address;
          remotePort = header.source.port;
          proxied = true;
        }
        logger = listenerLogger.child({ cid, remoteAddress, proxy: peer });
      }
      const socket = options.implicitTls ? await handshake(raw, options) : raw;
      if (socket !== raw) logTls(logger, socket as tls.TLSSocket, "implicit");
      pending.delete(raw);
      if (raw.destroyed) return;
      logger.info({ event: "connect", localPort: raw.localPort, proxied }, "connected");
      options.onConnection({ cid, socket, remoteAddress, remotePort, proxied, logger });
      // Reading the PROXY header paused the socket; the protocol has its listeners by now.
      if (socket.readableFlowing === false && !socket.destroyed) socket.resume();
    } catch (error) {
      // A peer that connects and leaves without a byte is a TCP health check, not news.
      const level = raw.bytesRead === 0 ? "debug" : "warn";
      logger[level](
        { event: "refused_before_protocol", reason: (error as Error).message },
        "connection dropped before the protocol started",
      );
      raw.destroy();
    }
  };

  const server = net.createServer((socket) => void accept(socket));
  server.maxConnections = ctx.env.MAX_CLIENTS_PER_LISTENER + 10;

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? ctx.env.MAIL_BIND_HOST, () => {
      server.off("error", reject);
      server.on("error", (error) =>
        listenerLogger.error({ event: "listener_error", err: error.message }, "listener error"),
      );
      resolve({
        port: (server.address() as net.AddressInfo).port,
        stopAccepting: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            for (const socket of pending) socket.destroy();
          }),
        closeRemaining: async (graceMs) => {
          const deadline = Date.now() + graceMs;
          while (open.size > 0 && Date.now() < deadline)
            await new Promise((r) => setTimeout(r, 25));
          for (const socket of open) socket.destroy();
        },
      });
    });
  });
}

/** Server side of an implicit-TLS handshake on a socket we accepted ourselves. */
function handshake(raw: net.Socket, options: MailListenerOptions): Promise<tls.TLSSocket> {
  const secureContext = options.secureContext?.() ?? options.ctx.tls.current();
  const secure = new tls.TLSSocket(raw, { secureContext, isServer: true });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error("timeout")),
      options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      secure.off("close", onClose);
      secure.destroy();
      reject(new Error(`TLS handshake failed: ${error.message}`));
    };
    const onClose = () => fail(new Error("closed"));
    secure.once("error", fail);
    secure.once("close", onClose);
    secure.once("secure", () => {
      clearTimeout(timer);
      secure.off("error", fail);
      secure.off("close", onClose);
      secure.on("error", () => secure.destroy());
      resolve(secure);
    });
  });
}

/** One line per TLS start (implicit or STARTTLS/STLS), with what was negotiated. */
export function logTls(logger: MailLogger, socket: tls.TLSSocket, how: "implicit" | "starttls") {
  logger.info(
    {
      event: "tls",
      how,
      tlsVersion: socket.getProtocol(),
      cipher: socket.getCipher()?.name,
    },
    "TLS established",
  );
}

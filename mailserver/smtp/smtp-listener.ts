// One SMTP listener (smtp-server) for a door: inbound on SMTP_PORT, submission on
// SUBMISSION_PORT (STARTTLS) and SMTPS_PORT (implicit TLS). Connections are accepted by our
// shared listener (connection id, PROXY header, implicit TLS) and handed to smtp-server.
import tls from "node:tls";
import type { SMTPServerOptions } from "smtp-server";
import { logTls, startMailListener, type MailConnection } from "../listener/mail-listener";
import type { MailLogger } from "../logging/mail-logger";
import type { MailContext, RunningService } from "../service";
import { authenticateSmtpSession } from "./auth-handler";
import { mayAuthenticate, type SmtpDoor, type SmtpDoorSettings } from "./door";
import { EnhancedStatusSmtpServer } from "./enhanced-status-server";
import { InFlightMessages } from "./in-flight-messages";
import { SmtpReply } from "./smtp-reply";
import { transactionHandlers } from "./transaction-handlers";

export const MAX_RECIPIENTS = 100;
const GOODBYE = "4.3.2 Server shutting down, try again later";

export type SmtpListenerOptions = {
  name: string;
  port: number;
  implicitTls: boolean;
  door: SmtpDoorSettings;
  idleTimeoutMs: number;
  /** Shutdown: how long a message being received may take before it is cut off with 421. */
  closeTimeoutMs: number;
};

/**
 * TLS options for smtp-server. The library builds its own secure context from these, so the
 * certificate reload (SIGHUP) is applied by rebuilding it (see certificateWatcher), not
 * through our SNICallback.
 */
function tlsOptions(ctx: MailContext) {
  const { SNICallback: _ignored, ...options } = ctx.tls.serverOptions();
  return options;
}

export async function startSmtpListener(
  ctx: MailContext,
  options: SmtpListenerOptions,
): Promise<RunningService> {
  const loggers = new Map<string, MailLogger>();
  const fallbackLogger = ctx.logger.child({ proto: "smtp", listener: options.name });
  const door: SmtpDoor = {
    ...options.door,
    logFor: (session) => loggers.get(session.id) ?? fallbackLogger.child({ cid: session.id }),
    inFlight: new InFlightMessages(),
  };
  const serverOptions: SMTPServerOptions = {
    name: ctx.env.MAIL_HOSTNAME,
    banner: "Octeportal ESMTP",
    // Sessions on the implicit-TLS port start secure; our listener did the handshake.
    secure: options.implicitTls,
    ...tlsOptions(ctx),
    size: ctx.env.MAX_MESSAGE_SIZE,
    hideENHANCEDSTATUSCODES: false,
    authMethods: ["PLAIN", "LOGIN"],
    // Inbound offers no AUTH at all; submission requires it.
    disabledCommands: door.mode === "inbound" ? ["AUTH"] : [],
    authOptional: door.mode === "inbound",
    // The plaintext rule (loopback only) is ours: AUTH is hidden per session in onConnect.
    allowInsecureAuth: true,
    maxClients: ctx.env.MAX_CLIENTS_PER_LISTENER,
    maxRecipients: MAX_RECIPIENTS,
    maxAllowedUnauthenticatedCommands: 10,
    socketTimeout: options.idleTimeoutMs,
    disableReverseLookup: true,
    // The library's own logger would print command lines; we log from our handlers instead.
    logger: false,
    onConnect(session, callback) {
      // AUTH is neither advertised nor accepted until the session may authenticate.
      if (door.mode === "submission" && !mayAuthenticate(door, session))
        session.disabledCommands = ["AUTH"];
      callback();
    },
    onSecure(socket, session, callback) {
      if (!options.implicitTls) logTls(door.logFor(session), socket as tls.TLSSocket, "starttls");
      if (door.mode === "submission") session.disabledCommands = [];
      callback();
    },
    onAuth(auth, session, callback) {
      if (!mayAuthenticate(door, session)) {
        callback(new SmtpReply(538, "5.7.11", "Encryption required: use STARTTLS before AUTH"));
        return;
      }
      authenticateSmtpSession(auth, session, door.logFor(session)).then(
        (user) => callback(null, { user }),
        (error: Error) => callback(error),
      );
    },
    ...transactionHandlers(door),
  };
  const server = new EnhancedStatusSmtpServer(serverOptions);
  // Sessions' errors are logged per connection (below); the server repeats them here.
  server.on("error", () => {});
  const refreshCertificate = certificateWatcher(ctx, server);
  let secureContext = tls.createSecureContext(tlsOptions(ctx));
  let contextFor = ctx.tls.current();

  const onConnection = (connection: MailConnection) => {
    loggers.set(connection.cid, connection.logger);
    connection.socket.once("close", () => {
      loggers.delete(connection.cid);
      door.inFlight.end(connection.cid);
    });
    refreshCertificate();
    const session = server.connect(connection.socket, {
      id: connection.cid,
      remoteAddress: connection.remoteAddress,
      remotePort: connection.remotePort,
    });
    session?.on("error", (error: Error) =>
      connection.logger.warn({ event: "protocol_error", err: error.message }, "SMTP error"),
    );
  };
  const listener = await startMailListener({
    ctx,
    name: options.name,
    proto: "smtp",
    port: options.port,
    implicitTls: options.implicitTls,
    secureContext: () => {
      if (contextFor !== ctx.tls.current()) {
        contextFor = ctx.tls.current();
        secureContext = tls.createSecureContext(tlsOptions(ctx));
      }
      return secureContext;
    },
    onConnection,
  });

  return {
    name: options.name,
    port: listener.port,
    close: async () => {
      const closed = listener.stopAccepting();
      // Idle sessions get 421 now; one receiving a message gets its reply first (bounded).
      const goodbyes = [...server.connections].map(async (connection) => {
        const id = connection.id;
        if (door.inFlight.has(id)) {
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([
            door.inFlight.settled(id),
            new Promise<void>((r) => (timer = setTimeout(r, options.closeTimeoutMs))),
          ]);
          clearTimeout(timer);
        }
        connection.send(421, GOODBYE);
      });
      await Promise.all(goodbyes);
      await listener.closeRemaining(2_000);
      await closed;
    },
  };
}

/** After SIGHUP reloaded the certificate, the next STARTTLS gets a rebuilt TLS context. */
function certificateWatcher(ctx: MailContext, server: EnhancedStatusSmtpServer): () => void {
  let applied = ctx.tls.current();
  return () => {
    if (ctx.tls.current() === applied) return;
    applied = ctx.tls.current();
    server.updateSecureContext(tlsOptions(ctx));
  };
}

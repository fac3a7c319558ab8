// One SMTP listener (smtp-server) for a door: inbound on SMTP_PORT, submission on
// SUBMISSION_PORT (STARTTLS) and SMTPS_PORT (implicit TLS).
import type { SMTPServerOptions } from "smtp-server";
import type { MailContext, RunningService } from "../service";
import { authenticateSmtpSession } from "./auth-handler";
import { mayAuthenticate, type SmtpDoor } from "./door";
import { EnhancedStatusSmtpServer } from "./enhanced-status-server";
import { SmtpReply } from "./smtp-reply";
import { transactionHandlers } from "./transaction-handlers";

export const MAX_RECIPIENTS = 100;

export type SmtpListenerOptions = {
  name: string;
  port: number;
  implicitTls: boolean;
  door: SmtpDoor;
  idleTimeoutMs: number;
  closeTimeoutMs: number;
};

/**
 * TLS options for smtp-server. The library builds its own secure context from these, so the
 * certificate reload (SIGHUP) is applied by rebuilding it (see watchCertificateReload), not
 * through our SNICallback. Legacy TLS versions need OpenSSL's security level 0 to offer the
 * ciphers they know.
 */
function tlsOptions(ctx: MailContext) {
  const { SNICallback: _ignored, ...options } = ctx.tls.serverOptions();
  const legacy = ctx.env.MAIL_MIN_TLS === "TLSv1" || ctx.env.MAIL_MIN_TLS === "TLSv1.1";
  return legacy ? { ...options, ciphers: "DEFAULT@SECLEVEL=0" } : options;
}

export function startSmtpListener(
  ctx: MailContext,
  options: SmtpListenerOptions,
): Promise<RunningService> {
  const { door } = options;
  const serverOptions: SMTPServerOptions = {
    name: ctx.env.MAIL_HOSTNAME,
    banner: "Octeportal ESMTP",
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
    closeTimeout: options.closeTimeoutMs,
    disableReverseLookup: true,
    logger: false,
    onConnect(session, callback) {
      // AUTH is neither advertised nor accepted until the session may authenticate.
      if (door.mode === "submission" && !mayAuthenticate(door, session))
        session.disabledCommands = ["AUTH"];
      callback();
    },
    onSecure(_socket, session, callback) {
      if (door.mode === "submission") session.disabledCommands = [];
      callback();
    },
    onAuth(auth, session, callback) {
      if (!mayAuthenticate(door, session)) {
        callback(new SmtpReply(538, "5.7.11", "Encryption required: use STARTTLS before AUTH"));
        return;
      }
      authenticateSmtpSession(auth, session, door.log).then(
        (user) => callback(null, { user }),
        (error: Error) => callback(error),
      );
    },
    ...transactionHandlers(door),
  };
  const server = new EnhancedStatusSmtpServer(serverOptions);
  server.on("error", (error) => door.log(`${options.name}: ${error.message}`));
  watchCertificateReload(ctx, server);

  return new Promise((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port, ctx.env.MAIL_BIND_HOST, () => {
      server.server.off("error", reject);
      const address = server.server.address();
      const port = typeof address === "object" && address ? address.port : options.port;
      resolve({
        name: options.name,
        port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

/** After SIGHUP reloaded the certificate, the next connection gets a rebuilt TLS context. */
function watchCertificateReload(ctx: MailContext, server: EnhancedStatusSmtpServer) {
  let applied = ctx.tls.current();
  server.server.prependListener("connection", () => {
    if (ctx.tls.current() === applied) return;
    applied = ctx.tls.current();
    server.updateSecureContext(tlsOptions(ctx));
  });
}

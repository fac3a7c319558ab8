// One SMTP listener for a door: inbound on SMTP_PORT, submission on SUBMISSION_PORT (STARTTLS)
// and SMTPS_PORT (implicit TLS). Connections are accepted by our shared listener (connection
// id, PROXY header, implicit TLS with the current certificate) and each becomes a SmtpSession.
import { startMailListener, type MailConnection } from "../listener/mail-listener";
import type { MailContext, RunningService } from "../service";
import type { SmtpDoorSettings } from "./door";
import type { SmtpServerSettings } from "./server-settings";
import { SmtpSession } from "./session";

/** Longest command line (a SASL response included); RFC 5321 asks for at least 512. */
const MAX_LINE_LENGTH = 16 * 1024;

export type SmtpListenerOptions = {
  name: string;
  port: number;
  implicitTls: boolean;
  door: SmtpDoorSettings;
  idleTimeoutMs: number;
  /** Shutdown: how long a message being received may take before it is cut off with 421. */
  closeTimeoutMs: number;
};

export async function startSmtpListener(
  ctx: MailContext,
  options: SmtpListenerOptions,
): Promise<RunningService> {
  const settings: SmtpServerSettings = {
    ctx,
    door: options.door,
    idleTimeoutMs: options.idleTimeoutMs,
    maxLineLength: MAX_LINE_LENGTH,
    greeting: `220 ${options.door.hostname} ESMTP Octeportal\r\n`,
    sessions: new Set(),
    shuttingDown: false,
  };
  const maxClients = ctx.env.MAX_CLIENTS_PER_LISTENER;
  const tooMany = `421 4.7.0 ${options.door.hostname} Too many connected clients, try again in a moment\r\n`;

  const onConnection = ({ socket, cid, remoteAddress, logger }: MailConnection) => {
    if (settings.sessions.size >= maxClients) {
      logger.warn({ event: "too_many_clients" }, "too many clients, turning one away");
      socket.on("error", () => socket.destroy());
      socket.end(tooMany);
      setTimeout(() => socket.destroy(), 2_000).unref();
      return;
    }
    settings.sessions.add(new SmtpSession(socket, settings, cid, remoteAddress, logger));
  };

  const listener = await startMailListener({
    ctx,
    name: options.name,
    proto: "smtp",
    port: options.port,
    implicitTls: options.implicitTls,
    onConnection,
  });

  return {
    name: options.name,
    port: listener.port,
    close: async () => {
      const closed = listener.stopAccepting();
      settings.shuttingDown = true;
      // Idle sessions get 421 now; one receiving a message gets its reply first (bounded).
      await Promise.all([...settings.sessions].map((s) => s.shutdown(options.closeTimeoutMs)));
      await listener.closeRemaining(2_000);
      await closed;
    },
  };
}

// The IMAP listeners: plain (with STARTTLS) and implicit TLS, sharing limits, connection counters
// and the process's folder-change listener.
import { startMailListener, type MailConnection } from "../listener/mail-listener";
import type { RunningService } from "../service";
import { ImapSession } from "./session";
import type { ImapShared } from "./shared";

/** Shutdown: how long a running command (a big APPEND or FETCH) may take before it is cut off. */
const SHUTDOWN_GRACE_MS = 10_000;

export async function startImapListener(
  shared: ImapShared,
  options: { name: string; port: number; implicitTls: boolean; host?: string },
): Promise<RunningService> {
  const { ctx } = shared;
  const sessions = new Set<ImapSession>();

  const accept = (connection: MailConnection) => {
    connection.socket.setNoDelay(true);
    void admit(connection);
  };

  const admit = async ({ socket, cid, logger, remoteAddress }: MailConnection) => {
    const admission = await shared.connections.admit(remoteAddress);
    if (!admission) {
      logger.warn({ event: "too_many_connections_from_ip" }, "too many connections from one IP");
      socket.end("* BYE Too many connections from your address\r\n");
      return;
    }
    if (socket.destroyed) {
      shared.connections.release(admission);
      return;
    }
    const session = new ImapSession(
      socket,
      options.implicitTls,
      remoteAddress,
      shared,
      logger,
      cid,
      admission,
    );
    sessions.add(session);
    session.onClose = () => sessions.delete(session);
    session.run().catch((error) => {
      logger.warn({ event: "protocol_error", err: (error as Error).message }, "connection failed");
      session.destroy();
    });
  };

  const listener = await startMailListener({
    ctx,
    name: options.name,
    proto: "imap",
    port: options.port,
    host: options.host,
    implicitTls: options.implicitTls,
    onConnection: accept,
  });

  return {
    name: options.name,
    port: listener.port,
    close: async () => {
      const stopped = listener.stopAccepting();
      const all = [...sessions];
      const grace = setTimeout(() => all.forEach((s) => s.destroy()), SHUTDOWN_GRACE_MS);
      await Promise.all(all.map((s) => s.shutdown()));
      clearTimeout(grace);
      await listener.closeRemaining(2_000);
      await stopped;
    },
  };
}

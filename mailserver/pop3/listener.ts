// One POP3 listening socket: plain with STLS (POP3_PORT) or implicit TLS (POP3S_PORT). Counts
// its clients, turns away the ones over the limit, and closes gracefully.
import { startMailListener, type MailConnection } from "../listener/mail-listener";
import type { MailContext, RunningService } from "../service";
import { Pop3Connection } from "./connection";
import type { Pop3Limits, Pop3Options } from "./limits";

export type Pop3ListenerOptions = {
  ctx: MailContext;
  name: string;
  port: number;
  implicitTls: boolean;
  limits: Pop3Limits;
  peerAddress?: Pop3Options["peerAddress"];
};

export async function startPop3Listener(options: Pop3ListenerOptions): Promise<RunningService> {
  const { ctx, limits } = options;
  const connections = new Set<Pop3Connection>();

  const accept = ({ socket, cid, logger, remoteAddress }: MailConnection) => {
    if (connections.size >= limits.maxClients) {
      logger.warn({ event: "too_many_clients" }, "too many clients, turning one away");
      socket.end("-ERR [SYS/TEMP] Too many connections, try again later.\r\n");
      setTimeout(() => socket.destroy(), 2_000).unref();
      return;
    }
    const connection = new Pop3Connection(socket, {
      ctx,
      limits,
      id: cid,
      logger,
      offersStls: !options.implicitTls,
      peerAddress: options.peerAddress ? options.peerAddress(socket) : remoteAddress,
      onClose: () => connections.delete(connection),
    });
    connections.add(connection);
  };

  const listener = await startMailListener({
    ctx,
    name: options.name,
    proto: "pop3",
    port: options.port,
    implicitTls: options.implicitTls,
    handshakeTimeoutMs: limits.tlsHandshakeTimeoutMs,
    onConnection: accept,
  });

  /** Stops accepting, tells every session, and resolves once each has given its maildrop back. */
  const close = async () => {
    const stopped = listener.stopAccepting();
    const all = [...connections];
    const grace = setTimeout(() => all.forEach((c) => c.destroy()), limits.shutdownGraceMs);
    await Promise.all(all.map((c) => c.shutdown()));
    clearTimeout(grace);
    await listener.closeRemaining(2_000);
    await stopped;
  };

  return { name: options.name, port: listener.port, close };
}

// The IMAP listeners: plain (with STARTTLS) and implicit TLS, sharing limits, connection counters
// and the process's folder-change listener.
import net from "node:net";
import tls from "node:tls";
import type { RunningService } from "../service";
import { ImapSession } from "./session";
import type { ImapShared } from "./shared";

export function startImapListener(
  shared: ImapShared,
  options: { name: string; port: number; implicitTls: boolean; host?: string },
): Promise<RunningService> {
  const { ctx } = shared;
  const sessions = new Set<ImapSession>();

  const accept = (socket: net.Socket | tls.TLSSocket) => {
    const ip = socket.remoteAddress ?? "";
    socket.on("error", () => socket.destroy());
    socket.setNoDelay(true);
    void admit(socket, ip);
  };

  const admit = async (socket: net.Socket | tls.TLSSocket, ip: string) => {
    const admission = await shared.connections.admit(ip);
    if (!admission) {
      socket.end("* BYE Too many connections from your address\r\n");
      return;
    }
    if (socket.destroyed) {
      shared.connections.release(admission);
      return;
    }
    const session = new ImapSession(socket, options.implicitTls, ip, shared, admission);
    sessions.add(session);
    session.onClose = () => sessions.delete(session);
    session.run().catch((error) => {
      session.log(`connection failed: ${(error as Error).message}`);
      session.destroy();
    });
  };

  const server = options.implicitTls
    ? tls.createServer(ctx.tls.serverOptions(), accept)
    : net.createServer(accept);
  server.maxConnections = ctx.env.MAX_CLIENTS_PER_LISTENER;
  if (options.implicitTls) server.on("tlsClientError", () => {});

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? ctx.env.MAIL_BIND_HOST, () => {
      const port = (server.address() as net.AddressInfo).port;
      resolve({
        name: options.name,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            for (const s of sessions) void s.bye("Server shutting down").finally(() => s.destroy());
          }),
      });
    });
  });
}

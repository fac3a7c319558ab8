// One POP3 listening socket: plain with STLS (POP3_PORT) or implicit TLS (POP3S_PORT). Counts
// its clients, turns away the ones over the limit, and closes gracefully.
import net from "node:net";
import tls from "node:tls";
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

let nextConnectionId = 1;

export function startPop3Listener(options: Pop3ListenerOptions): Promise<RunningService> {
  const { ctx, limits } = options;
  const connections = new Set<Pop3Connection>();

  const accept = (socket: net.Socket) => {
    socket.on("error", () => socket.destroy());
    if (connections.size >= limits.maxClients) {
      ctx.log(`${options.name}: too many clients, turning one away`);
      socket.end("-ERR [SYS/TEMP] Too many connections, try again later.\r\n");
      setTimeout(() => socket.destroy(), 2_000).unref();
      return;
    }
    const connection = new Pop3Connection(socket, {
      ctx,
      limits,
      id: `${options.name}#${nextConnectionId++}`,
      offersStls: !options.implicitTls,
      peerAddress: options.peerAddress ? options.peerAddress(socket) : socket.remoteAddress,
      onClose: () => connections.delete(connection),
    });
    connections.add(connection);
  };

  const server = options.implicitTls
    ? tls.createServer(
        { ...ctx.tls.serverOptions(), handshakeTimeout: limits.tlsHandshakeTimeoutMs },
        accept,
      )
    : net.createServer(accept);
  // A failed handshake only concerns that client.
  server.on("tlsClientError", (_error: Error, socket: tls.TLSSocket) => socket.destroy());

  const close = async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      const all = [...connections];
      const grace = setTimeout(() => all.forEach((c) => c.destroy()), limits.shutdownGraceMs);
      void Promise.all(all.map((c) => c.shutdown())).then(() => clearTimeout(grace));
    });
  };

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, ctx.env.MAIL_BIND_HOST, () => {
      server.off("error", reject);
      server.on("error", (error) => ctx.log(`${options.name}: ${error.message}`));
      const { port } = server.address() as net.AddressInfo;
      resolve({ name: options.name, port, close });
    });
  });
}

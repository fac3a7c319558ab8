import net from "node:net";
import tls from "node:tls";
import { SMTPServer } from "smtp-server";
import { HAS_ENHANCED_CODE } from "./smtp-reply";

type SmtpConnection = SMTPServer["connections"] extends Set<infer C> ? C : never;

/**
 * smtp-server derives the enhanced status code of a handler's error from the reply code
 * alone. Replies whose text already starts with an enhanced code (our SmtpReply) are sent
 * as written; every other reply keeps the library's code.
 */
export class EnhancedStatusSmtpServer extends SMTPServer {
  /** Starts an SMTP session on an accepted socket; returns it (for its error events). */
  connect(
    socket: net.Socket | tls.TLSSocket,
    socketOptions?: Parameters<SMTPServer["connect"]>[1],
  ): SmtpConnection | undefined {
    super.connect(socket, socketOptions);
    const connection = [...this.connections].at(-1);
    if (!connection) return undefined;
    const send = connection.send.bind(connection);
    connection.send = (code, data, context) =>
      send(
        code,
        data,
        context === undefined && typeof data === "string" && HAS_ENHANCED_CODE.test(data)
          ? false
          : context,
      );
    return connection;
  }
}

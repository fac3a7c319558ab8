import net from "node:net";
import tls from "node:tls";
import { SMTPServer } from "smtp-server";
import { HAS_ENHANCED_CODE } from "./smtp-reply";

type SmtpConnection = SMTPServer["connections"] extends Set<infer C> ? C : never;
/** The parts of smtp-server's connection object that greetAtOnce uses. */
type GreetableConnection = { needsUpgrade: boolean; connectionReady(next?: () => void): void };

class ConnectionSet extends Set<SmtpConnection> {
  lastAdded: SmtpConnection | undefined;

  add(connection: SmtpConnection): this {
    this.lastAdded = connection;
    return super.add(connection);
  }
}

/**
 * smtp-server derives the enhanced status code of a handler's error from the reply code
 * alone. Replies whose text already starts with an enhanced code (our SmtpReply) are sent
 * as written; every other reply keeps the library's code.
 */
export class EnhancedStatusSmtpServer extends SMTPServer {
  /** The library's set of sessions, remembering the newest (connect returns it in O(1)). */
  declare connections: ConnectionSet;

  constructor(options?: ConstructorParameters<typeof SMTPServer>[0]) {
    super(options);
    this.connections = new ConnectionSet();
  }

  /** Starts an SMTP session on an accepted socket; returns it (for its error events). */
  connect(
    socket: net.Socket | tls.TLSSocket,
    socketOptions?: Parameters<SMTPServer["connect"]>[1],
  ): SmtpConnection | undefined {
    super.connect(socket, socketOptions);
    const connection = this.connections.lastAdded;
    if (!connection) return undefined;
    this.greetAtOnce(connection);
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

  /**
   * smtp-server holds the banner back for 100 ms to catch clients that talk first. Every
   * client would pay that on every connection, which caps a sender opening one connection per
   * message at 10 messages/s per connection; Postfix's smtpd greets at once too. So the banner
   * goes now (the library's timer then finds it sent). Not while the library still has to do
   * its TLS handshake (implicit TLS), nor when it refused the client (too many connections).
   */
  private greetAtOnce(connection: GreetableConnection) {
    if (connection.needsUpgrade) return;
    if (this.options.maxClients && this.connections.size > this.options.maxClients) return;
    const ready = connection.connectionReady.bind(connection);
    let greeted = false;
    connection.connectionReady = (next) => {
      if (greeted) return;
      greeted = true;
      ready(next);
    };
    connection.connectionReady();
  }
}

// RFC 5034 AUTH with the PLAIN mechanism (RFC 4616), with or without an initial response.
import type { Pop3Command } from "../command";
import type { Pop3Connection } from "../connection";
import { PLAINTEXT_REFUSED } from "../responses";

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const auth: Pop3Command = {
  name: "AUTH",
  states: ["AUTHORIZATION"],
  async run(connection, args) {
    const [mechanism = "", initialResponse, extra] = args.trim().split(/ +/);
    if (!mechanism) {
      // Older clients send a bare AUTH to list mechanisms (draft behaviour Dovecot keeps).
      return connection.sendLines(
        "Mechanisms follow",
        connection.plaintextAllowed ? ["PLAIN"] : [],
      );
    }
    if (!connection.plaintextAllowed) return connection.badCommand(PLAINTEXT_REFUSED);
    if (mechanism.toUpperCase() !== "PLAIN" || extra !== undefined)
      return connection.badCommand("Unsupported authentication mechanism.");
    if (initialResponse !== undefined)
      return completePlain(connection, initialResponse === "=" ? "" : initialResponse);
    await connection.askSaslResponse((line) => completePlain(connection, line));
  },
};

async function completePlain(connection: Pop3Connection, response: string): Promise<void> {
  if (response === "*") return connection.err("Authentication cancelled.");
  if (!BASE64.test(response)) return connection.badCommand("Invalid base64 data.");
  const parts = Buffer.from(response, "base64").toString("utf8").split("\0");
  if (parts.length !== 3 || !parts[1])
    return connection.badCommand("Invalid PLAIN message (authzid NUL authcid NUL password).");
  const [authorizationId, address, password] = parts;
  // Acting for another user is not offered: an authorisation identity must name oneself.
  if (authorizationId && authorizationId.toLowerCase() !== address.toLowerCase())
    return connection.err("[AUTH] Authentication failed.");
  await connection.login(address, password);
}

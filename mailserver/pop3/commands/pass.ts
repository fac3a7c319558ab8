import type { Pop3Command } from "../command";
import { PLAINTEXT_REFUSED } from "../responses";

/** RFC 1939 PASS. The whole rest of the line is the password: spaces are part of it. */
export const pass: Pop3Command = {
  name: "PASS",
  states: ["AUTHORIZATION"],
  async run(connection, password) {
    if (!connection.plaintextAllowed) return connection.badCommand(PLAINTEXT_REFUSED);
    const address = connection.pendingUser;
    connection.pendingUser = null;
    if (address === null) return connection.badCommand("Send USER first.");
    await connection.login(address, password);
  },
};

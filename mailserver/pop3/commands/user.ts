import type { Pop3Command } from "../command";
import { PLAINTEXT_REFUSED } from "../responses";

/** RFC 1939 USER. Always +OK, so the answer never tells whether a mailbox exists. */
export const user: Pop3Command = {
  name: "USER",
  states: ["AUTHORIZATION"],
  async run(connection, args) {
    if (!connection.plaintextAllowed) return connection.badCommand(PLAINTEXT_REFUSED);
    const name = args.trim();
    if (!name) return connection.badCommand("USER needs a mailbox address.");
    connection.pendingUser = name;
    await connection.ok("Send PASS next.");
  },
};

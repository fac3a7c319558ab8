import type { Pop3Command } from "../command";

/** RFC 2595 STLS: only on the plain listener, before login, once. */
export const stls: Pop3Command = {
  name: "STLS",
  states: ["AUTHORIZATION"],
  async run(connection) {
    if (!connection.canStartTls)
      return connection.badCommand(
        connection.secure ? "Already using TLS." : "STLS is not offered here.",
      );
    await connection.startTls();
  },
};

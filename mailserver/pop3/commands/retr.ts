import type { Pop3Command } from "../command";
import { sendStoredMessage } from "./send-stored-message";

/** RFC 1939 RETR msg: the whole message, byte for byte as stored, dot-stuffed. */
export const retr: Pop3Command = {
  name: "RETR",
  states: ["TRANSACTION"],
  checksSession: true,
  async run(connection, args) {
    const argument = args.trim();
    if (!argument) return connection.badCommand("RETR needs a message number.");
    await sendStoredMessage(connection, argument, null);
  },
};

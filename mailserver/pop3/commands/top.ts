import type { Pop3Command } from "../command";
import { sendStoredMessage } from "./send-stored-message";

/** RFC 1939 TOP msg n: the header, the blank line, and the first n lines of the body. */
export const top: Pop3Command = {
  name: "TOP",
  states: ["TRANSACTION"],
  checksSession: true,
  async run(connection, args) {
    const [argument, lines, extra] = args.trim().split(/ +/);
    if (!argument || lines === undefined || extra !== undefined)
      return connection.badCommand("TOP needs a message number and a line count.");
    if (!/^\d{1,9}$/.test(lines)) return connection.badCommand("Invalid line count.");
    await sendStoredMessage(connection, argument, Number(lines));
  },
};

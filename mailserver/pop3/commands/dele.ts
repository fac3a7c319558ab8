import type { Pop3Command } from "../command";

/** RFC 1939 DELE msg: only marks it; QUIT (the UPDATE state) removes it. */
export const dele: Pop3Command = {
  name: "DELE",
  states: ["TRANSACTION"],
  async run(connection, args) {
    const argument = args.trim();
    if (!argument) return connection.badCommand("DELE needs a message number.");
    const found = connection.maildrop!.lookup(argument);
    if (!found.ok) return connection.err(found.error);
    connection.maildrop!.markDeleted(found.number);
    await connection.ok(`Message ${found.number} deleted.`);
  },
};

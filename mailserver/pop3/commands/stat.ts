import type { Pop3Command } from "../command";

/** RFC 1939 STAT: count and octets of the messages not marked deleted. */
export const stat: Pop3Command = {
  name: "STAT",
  states: ["TRANSACTION"],
  async run(connection) {
    const { count, octets } = connection.maildrop!.totals();
    await connection.ok(`${count} ${octets}`);
  },
};

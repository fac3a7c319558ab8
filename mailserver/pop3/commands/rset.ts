import type { Pop3Command } from "../command";

/** RFC 1939 RSET: every DELE of this session undone. */
export const rset: Pop3Command = {
  name: "RSET",
  states: ["TRANSACTION"],
  async run(connection) {
    const session = connection.maildrop!;
    session.unmarkAll();
    const { count, octets } = session.totals();
    await connection.ok(`Maildrop has ${count} messages (${octets} octets).`);
  },
};

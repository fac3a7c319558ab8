import type { Pop3Command } from "../command";

/**
 * RFC 1939 QUIT. Before login it just says goodbye; after login it enters the UPDATE state,
 * where the messages marked with DELE are really removed.
 */
export const quit: Pop3Command = {
  name: "QUIT",
  states: ["AUTHORIZATION", "TRANSACTION"],
  async run(connection) {
    const session = connection.maildrop;
    if (!session) return connection.closeWith("+OK Octeportal POP3 signing off.\r\n");
    connection.state = "UPDATE";
    let removed: number;
    try {
      removed = await session.commit();
    } catch (error) {
      connection.log(`UPDATE failed: ${(error as Error).message}`);
      await session.release().catch(() => {});
      return connection.closeWith(
        "-ERR [SYS/TEMP] Some deleted messages were not removed, try again later.\r\n",
      );
    }
    connection.log(`logged out, ${removed} messages removed`);
    connection.closeWith(`+OK Octeportal POP3 signing off (${removed} messages deleted).\r\n`);
  },
};

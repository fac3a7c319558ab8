import type { Pop3Connection } from "./connection";

/** RFC 1939 §3: a session moves AUTHORIZATION → TRANSACTION → UPDATE. */
export type Pop3State = "AUTHORIZATION" | "TRANSACTION" | "UPDATE";

/** One POP3 command: its name, the states it is allowed in, and what it does. */
export type Pop3Command = {
  name: string;
  states: readonly Pop3State[];
  /**
   * In TRANSACTION the session is re-checked (database) before every command. A command with
   * this flag is started at the same time, so its own reads overlap the check; it must await
   * `connection.sessionChecked()` before it answers, and answer nothing when that is false.
   */
  overlapsSessionCheck?: true;
  run(connection: Pop3Connection, args: string): Promise<void>;
};

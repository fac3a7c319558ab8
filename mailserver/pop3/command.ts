import type { Pop3Connection } from "./connection";

/** RFC 1939 §3: a session moves AUTHORIZATION → TRANSACTION → UPDATE. */
export type Pop3State = "AUTHORIZATION" | "TRANSACTION" | "UPDATE";

/** One POP3 command: its name, the states it is allowed in, and what it does. */
export type Pop3Command = {
  name: string;
  states: readonly Pop3State[];
  /**
   * In TRANSACTION the session is re-checked (database) before every command. A command with
   * this flag makes the check itself, so that its own read shares the round trip: it must pass
   * the check to `connection.admit()` before it answers, and answer nothing when that is false.
   */
  checksSession?: true;
  run(connection: Pop3Connection, args: string): Promise<void>;
};

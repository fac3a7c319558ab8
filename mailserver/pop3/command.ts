import type { Pop3Connection } from "./connection";

/** RFC 1939 §3: a session moves AUTHORIZATION → TRANSACTION → UPDATE. */
export type Pop3State = "AUTHORIZATION" | "TRANSACTION" | "UPDATE";

/** One POP3 command: its name, the states it is allowed in, and what it does. */
export type Pop3Command = {
  name: string;
  states: readonly Pop3State[];
  run(connection: Pop3Connection, args: string): Promise<void>;
};

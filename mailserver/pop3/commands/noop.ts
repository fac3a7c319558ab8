import type { Pop3Command } from "../command";

export const noop: Pop3Command = {
  name: "NOOP",
  states: ["TRANSACTION"],
  run: (connection) => connection.ok("Nothing done."),
};

import { ok, SELECTED, type ImapCommand } from "../command";

// Every change is committed as it happens; there is nothing to checkpoint.
export const check: ImapCommand = {
  name: "CHECK",
  states: SELECTED,
  readsChanges: true,
  async handle(_session, args) {
    args.end();
    return ok("CHECK completed");
  },
};

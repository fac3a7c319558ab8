import { ANY_STATE, ok, type ImapCommand } from "../command";

// Untagged updates are sent by the session at every command boundary; NOOP just asks for them.
export const noop: ImapCommand = {
  name: "NOOP",
  states: ANY_STATE,
  readsChanges: true,
  async handle(_session, args) {
    args.end();
    return ok("NOOP completed");
  },
};

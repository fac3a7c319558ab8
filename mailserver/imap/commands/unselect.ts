import { ok, SELECTED, type ImapCommand } from "../command";

// UNSELECT (RFC 3691): like CLOSE, but nothing is expunged.
export const unselect: ImapCommand = {
  name: "UNSELECT",
  states: SELECTED,
  async handle(session, args) {
    args.end();
    session.selected = null;
    session.state = "authenticated";
    return ok("UNSELECT completed");
  },
};

import { AUTHENTICATED, ok, type ImapCommand } from "../command";

export const namespace: ImapCommand = {
  name: "NAMESPACE",
  states: AUTHENTICATED,
  async handle(session, args) {
    args.end();
    await session.writer.line('* NAMESPACE (("" "/")) NIL NIL');
    return ok("NAMESPACE completed");
  },
};

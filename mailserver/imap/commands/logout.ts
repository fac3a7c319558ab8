import { ANY_STATE, ok, type ImapCommand } from "../command";

export const logout: ImapCommand = {
  name: "LOGOUT",
  states: ANY_STATE,
  async handle(session, args) {
    args.end();
    await session.writer.line("* BYE Logging out");
    session.selected = null;
    session.state = "logout";
    session.afterResponse = () => session.end();
    return ok("LOGOUT completed");
  },
};

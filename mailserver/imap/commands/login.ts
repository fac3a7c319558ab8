import type { ImapCommand } from "../command";
import { logIn } from "./login-decision";

export const login: ImapCommand = {
  name: "LOGIN",
  states: ["notAuthenticated"],
  async handle(session, args) {
    const user = args.astring();
    const password = args.astringBytes().toString("utf8");
    args.end();
    return logIn(session, user, password);
  },
};

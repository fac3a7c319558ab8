import { bad, ok, type ImapCommand } from "../command";

export const starttls: ImapCommand = {
  name: "STARTTLS",
  states: ["notAuthenticated"],
  async handle(session, args) {
    args.end();
    if (session.secure) return bad("Already using TLS");
    session.afterResponse = () => session.startTls();
    return ok("Begin TLS negotiation now");
  },
};

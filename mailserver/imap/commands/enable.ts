// ENABLE (RFC 5161); CONDSTORE is the only extension that needs enabling here.
import { AUTHENTICATED, ok, type ImapCommand } from "../command";

export const enable: ImapCommand = {
  name: "ENABLE",
  states: AUTHENTICATED,
  async handle(session, args) {
    const enabled: string[] = [];
    while (args.remaining > 0) {
      const name = args.atom().toUpperCase();
      if (name === "CONDSTORE" && !enabled.includes(name)) {
        session.condstore = true;
        enabled.push(name);
      }
    }
    await session.writer.line(`* ENABLED${enabled.map((e) => " " + e).join("")}`);
    return ok("ENABLE completed");
  },
};

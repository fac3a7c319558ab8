// ENABLE (RFC 5161): CONDSTORE, and QRESYNC, which implies CONDSTORE (RFC 7162 §3.2.3).
import { AUTHENTICATED, ok, type ImapCommand } from "../command";

export const enable: ImapCommand = {
  name: "ENABLE",
  states: AUTHENTICATED,
  async handle(session, args) {
    const enabled: string[] = [];
    while (args.remaining > 0) {
      const name = args.atom().toUpperCase();
      if (enabled.includes(name)) continue;
      if (name === "CONDSTORE") session.condstore = true;
      else if (name === "QRESYNC") session.condstore = session.qresync = true;
      else continue;
      enabled.push(name);
    }
    await session.writer.line(`* ENABLED${enabled.map((e) => " " + e).join("")}`);
    return ok("ENABLE completed");
  },
};

// ID (RFC 2971): we say who we are; what the client says is only logged.
import { ANY_STATE, ok, type ImapCommand } from "../command";
import { textValue } from "../tokens";

export const id: ImapCommand = {
  name: "ID",
  states: ANY_STATE,
  async handle(session, args) {
    const client = args.next();
    args.end();
    if (client.type === "list") {
      const pairs = client.items.map((t) => (t.type === "list" ? "" : textValue(t).slice(0, 64)));
      session.log(`client id: ${pairs.join(" ").slice(0, 300)}`);
    }
    await session.writer.line('* ID ("name" "Octeportal" "vendor" "Octeportal")');
    return ok("ID completed");
  },
};

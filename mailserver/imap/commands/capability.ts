import { capabilities } from "../capabilities";
import { ANY_STATE, ok, type ImapCommand } from "../command";

export const capability: ImapCommand = {
  name: "CAPABILITY",
  states: ANY_STATE,
  async handle(session, args) {
    args.end();
    await session.writer.line(`* CAPABILITY ${capabilities(session)}`);
    return ok("CAPABILITY completed");
  },
};

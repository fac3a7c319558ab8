// LIST and UIDL share their shape: one message with an argument, every live message without.
import type { MaildropMessage } from "@/lib/server/pop3/open-maildrop";
import type { Pop3Command } from "../command";

export function listingCommand(
  name: string,
  value: (message: MaildropMessage) => string,
): Pop3Command {
  return {
    name,
    states: ["TRANSACTION"],
    async run(connection, args) {
      const session = connection.maildrop!;
      const argument = args.trim();
      if (argument) {
        const found = session.lookup(argument);
        if (!found.ok) return connection.err(found.error);
        return connection.ok(`${found.number} ${value(found.message)}`);
      }
      const { count, octets } = session.totals();
      const lines = session.listing().map(({ number, message }) => `${number} ${value(message)}`);
      await connection.sendLines(`${count} messages (${octets} octets)`, lines);
    },
  };
}

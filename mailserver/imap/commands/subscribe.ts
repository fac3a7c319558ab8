import { setFolderSubscribed } from "@/lib/server/imap/folders";
import { AUTHENTICATED, ok, type ImapCommand } from "../command";
import type { ImapSession } from "../session";
import type { Args } from "../tokens";

async function setSubscribed(session: ImapSession, args: Args, subscribed: boolean) {
  const name = args.mailbox();
  args.end();
  await setFolderSubscribed({ mailboxId: session.mailbox!.id, name, subscribed });
  return ok(subscribed ? "SUBSCRIBE completed" : "UNSUBSCRIBE completed");
}

export const subscribe: ImapCommand = {
  name: "SUBSCRIBE",
  states: AUTHENTICATED,
  handle: (session, args) => setSubscribed(session, args, true),
};

export const unsubscribe: ImapCommand = {
  name: "UNSUBSCRIBE",
  states: AUTHENTICATED,
  handle: (session, args) => setSubscribed(session, args, false),
};

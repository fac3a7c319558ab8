// Seeds a domain and a mailbox through lib/ for the walkthrough specs (DATABASE_URL comes from
// the e2e global setup). Names are unique per run so specs never collide.
import { addDomain } from "../../lib/server/domain/add-domain";
import { findMailboxByAddress } from "../../lib/server/mailbox/find-mailbox";
import { addMailbox } from "../../lib/server/mailbox/add-mailbox";

export const DOMAIN = "walkthrough-e2e.test";
export const PASSWORD = "Walkthrough e2e Pass 42";

export async function seedMailbox(localPart: string, preferredProtocol: "IMAP" | "POP3" = "IMAP") {
  const actor = { type: "system" as const };
  await addDomain({ name: DOMAIN, actor }).catch(() => undefined); // already there from another spec
  const address = `${localPart}@${DOMAIN}`;
  return (
    (await findMailboxByAddress(address)) ??
    (await addMailbox({ address, password: PASSWORD, preferredProtocol, actor }))
  );
}

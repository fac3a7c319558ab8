// The settings the public autoconfiguration endpoints may give out: those of a DOMAIN we host.
// Every answer for a hosted domain has the same servers, ports and both protocols, for a real
// and an invented address alike. Issue 4 asks for the customer's chosen protocol to be listed
// first, so for an existing, usable mailbox (not suspended, that protocol not switched off)
// its choice comes first; anything else gets the default order (IMAP first). The order is
// the one difference, and it only ever says something for a mailbox whose owner chose POP3.
import type { MailProtocol } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/server/db/client";
import { isMailboxAddress, normaliseAddress, splitAddress } from "@/lib/server/mailbox/address";
import {
  getConnectionSettings,
  type ConnectionSettings,
} from "@/lib/server/settings/get-connection-settings";

export type PublicSettingsResult =
  | { kind: "ok"; address: string; domain: string; settings: ConnectionSettings }
  | { kind: "invalid" }
  | { kind: "not-hosted" };

export async function isHostedDomain(name: string): Promise<boolean> {
  const domain = await db().domain.findUnique({ where: { name }, select: { active: true } });
  return domain?.active === true;
}

export async function publicSettingsForAddress(raw: string): Promise<PublicSettingsResult> {
  const address = normaliseAddress(raw);
  if (!isMailboxAddress(address)) return { kind: "invalid" };
  const { domain } = splitAddress(address);
  if (!(await isHostedDomain(domain))) return { kind: "not-hosted" };
  const settings = await getConnectionSettings({
    address,
    protocol: await listedFirstProtocol(address),
  });
  return { kind: "ok", address, domain, settings };
}

/** The mailbox's chosen protocol when it exists and can use it; otherwise the default, IMAP. */
async function listedFirstProtocol(address: string): Promise<MailProtocol> {
  const mailbox = await db().mailbox.findUnique({
    where: { address },
    select: { preferredProtocol: true, suspended: true, pop3Enabled: true },
  });
  const choosesPop3 =
    mailbox?.preferredProtocol === "POP3" && !mailbox.suspended && mailbox.pop3Enabled;
  return choosesPop3 ? "POP3" : "IMAP";
}

/** Settings without an address (Thunderbird's %EMAILADDRESS% form). */
export async function anonymousSettings(): Promise<ConnectionSettings> {
  return getConnectionSettings({ address: "%EMAILADDRESS%", protocol: "IMAP" });
}

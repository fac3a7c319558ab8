// The settings the public autoconfiguration endpoints may give out: those of a DOMAIN we host.
// Whether a mailbox with that address exists is never looked up, so every answer is the same
// for a real and an invented address on a hosted domain (no account enumeration). For the
// same reason the answers list IMAP first (the default protocol) rather than a mailbox's own
// choice; the signed-in pages and the Apple profile use the customer's chosen protocol.
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
  const settings = await getConnectionSettings({ address, protocol: "IMAP" });
  return { kind: "ok", address, domain, settings };
}

/** Settings without an address (Thunderbird's %EMAILADDRESS% form). */
export async function anonymousSettings(): Promise<ConnectionSettings> {
  return getConnectionSettings({ address: "%EMAILADDRESS%", protocol: "IMAP" });
}

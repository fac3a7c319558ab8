// Who an envelope recipient is to this server. Inbound SMTP and submission both ask this
// before answering RCPT, so "hosted, active and not full" means the same on every door.
import { db } from "@/lib/server/db/client";
import { normaliseAddress, splitAddress } from "@/lib/server/mailbox/address";

export type RecipientResolution =
  /** A hosted mailbox that accepts mail now. */
  | { kind: "local"; mailboxId: number; address: string }
  /** The domain is hosted here but no mailbox has this address. */
  | { kind: "unknown_user"; address: string }
  /** The mailbox (or its whole domain) is suspended: refuse, do not store. */
  | { kind: "disabled"; address: string }
  /** The mailbox has no room for a message of the announced size (temporary). */
  | { kind: "over_quota"; address: string }
  /** Not a domain hosted here. */
  | { kind: "remote"; address: string; domain: string };

export type ResolveLocalRecipientOptions = {
  address: string;
  /** Size announced with MAIL FROM SIZE=, when the client sent one. */
  expectedSize?: number;
};

export async function resolveLocalRecipient(
  options: ResolveLocalRecipientOptions,
): Promise<RecipientResolution> {
  const address = normaliseAddress(options.address);
  const { domain: domainName } = splitAddress(address);
  const domain = await db().domain.findUnique({
    where: { name: domainName },
    select: { id: true, active: true },
  });
  if (!domain) return { kind: "remote", address, domain: domainName };
  const mailbox = await db().mailbox.findUnique({
    where: { address },
    select: { id: true, domainId: true, suspended: true, quotaBytes: true, usedBytes: true },
  });
  if (!mailbox || mailbox.domainId !== domain.id) return { kind: "unknown_user", address };
  if (mailbox.suspended || !domain.active) return { kind: "disabled", address };
  const room = mailbox.quotaBytes - mailbox.usedBytes;
  if (room <= 0n || BigInt(options.expectedSize ?? 0) > room)
    return { kind: "over_quota", address };
  return { kind: "local", mailboxId: mailbox.id, address };
}

// Who an envelope recipient is to this server. Inbound SMTP and submission both ask this
// before answering RCPT, so "hosted, active and not full" means the same on every door.
import { db, pgPool } from "@/lib/server/db/client";
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
  // One query for the common case (a hosted mailbox); the domain alone only when there is none.
  // Straight through pg (Prisma's pool): this runs for every RCPT, and Prisma would make it two
  // queries (mailbox, domain) and cost twice the CPU as raw SQL. room (bigint) comes as a string.
  const {
    rows: [mailbox],
  } = await pgPool().query<{
    id: number;
    suspended: boolean;
    room: string;
    domain: string;
    active: boolean;
  }>(
    `SELECT m.id, m.suspended, m."quotaBytes" - m."usedBytes" AS room, d.name AS domain, d.active
     FROM "Mailbox" m JOIN "Domain" d ON d.id = m."domainId"
     WHERE m.address = $1`,
    [address],
  );
  if (!mailbox || mailbox.domain !== domainName) {
    const hosted = await db().domain.count({ where: { name: domainName } });
    return hosted
      ? { kind: "unknown_user", address }
      : { kind: "remote", address, domain: domainName };
  }
  if (mailbox.suspended || !mailbox.active) return { kind: "disabled", address };
  const room = BigInt(mailbox.room);
  if (room <= 0n || BigInt(options.expectedSize ?? 0) > room)
    return { kind: "over_quota", address };
  return { kind: "local", mailboxId: mailbox.id, address };
}

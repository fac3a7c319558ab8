// Open IMAP connections counted across every backend process, for the per-IP and per-mailbox
// limits (a load balancer spreads one customer's connections over several instances). Each
// connection holds a lease row; its process renews the leases it holds and deletes them on
// close, so a crashed process's leases simply expire. Counting and taking a lease happen under a
// transaction-scoped advisory lock per IP / per mailbox, so two processes cannot both take the
// last place.
import { randomUUID } from "node:crypto";
import { db, type Tx } from "@/lib/server/db/client";

const seconds = (ms: number) => ms / 1000;

async function lockKey(tx: Tx, key: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
}

/** A new lease for a connection from `ip`, or null when that IP already has `maxPerIp`. */
export async function acquireConnectionLease(options: {
  instanceId: string;
  ip: string;
  maxPerIp: number;
  ttlMs: number;
}): Promise<string | null> {
  const id = randomUUID();
  return db().$transaction(async (tx) => {
    await lockKey(tx, `imap-ip:${options.ip}`);
    const [{ open }] = await tx.$queryRaw<Array<{ open: number }>>`
      SELECT count(*)::int AS open FROM "ImapConnectionLease"
      WHERE ip = ${options.ip} AND "expiresAt" > now()`;
    if (open >= options.maxPerIp) return null;
    await tx.$executeRaw`
      INSERT INTO "ImapConnectionLease" (id, "instanceId", ip, "expiresAt")
      VALUES (${id}, ${options.instanceId}, ${options.ip},
        now() + make_interval(secs => ${seconds(options.ttlMs)}::float8))`;
    return id;
  });
}

/** Ties a lease to the mailbox that logged in on it; false when the mailbox is at its limit. */
export async function leaseForMailbox(options: {
  leaseId: string;
  mailboxId: number;
  maxPerMailbox: number;
}): Promise<boolean> {
  return db().$transaction(async (tx) => {
    await lockKey(tx, `imap-mailbox:${options.mailboxId}`);
    const [{ open }] = await tx.$queryRaw<Array<{ open: number }>>`
      SELECT count(*)::int AS open FROM "ImapConnectionLease"
      WHERE "mailboxId" = ${options.mailboxId} AND "expiresAt" > now() AND id <> ${options.leaseId}`;
    if (open >= options.maxPerMailbox) return false;
    await tx.$executeRaw`
      UPDATE "ImapConnectionLease" SET "mailboxId" = ${options.mailboxId} WHERE id = ${options.leaseId}`;
    return true;
  });
}

export async function releaseConnectionLease(leaseId: string): Promise<void> {
  await db().$executeRaw`DELETE FROM "ImapConnectionLease" WHERE id = ${leaseId}`;
}

/** Keeps an instance's leases alive and sweeps away those of processes that died. */
export async function renewConnectionLeases(instanceId: string, ttlMs: number): Promise<void> {
  await db().$executeRaw`
    UPDATE "ImapConnectionLease"
    SET "expiresAt" = now() + make_interval(secs => ${seconds(ttlMs)}::float8)
    WHERE "instanceId" = ${instanceId}`;
  await db().$executeRaw`DELETE FROM "ImapConnectionLease" WHERE "expiresAt" <= now()`;
}

/** On shutdown: every lease of this instance goes at once. */
export async function releaseInstanceLeases(instanceId: string): Promise<void> {
  await db().$executeRaw`DELETE FROM "ImapConnectionLease" WHERE "instanceId" = ${instanceId}`;
}

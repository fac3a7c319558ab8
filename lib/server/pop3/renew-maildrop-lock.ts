import { db } from "@/lib/server/db/client";
import { MAILDROP_LEASE_MS } from "./maildrop-lock";

/**
 * Extends `holder`'s lease. Returns false when the lock is no longer held (it expired while the
 * database was unreachable and another session took it): the session must then end without
 * applying its deletions.
 */
export async function renewMaildropLock(options: {
  mailboxId: number;
  holder: string;
  leaseMs?: number;
}): Promise<boolean> {
  const leaseMs = options.leaseMs ?? MAILDROP_LEASE_MS;
  const renewed = await db().$executeRaw`
    UPDATE "Pop3MaildropLock"
    SET "expiresAt" = now() AT TIME ZONE 'UTC' + make_interval(secs => ${leaseMs / 1000}::double precision)
    WHERE "mailboxId" = ${options.mailboxId} AND holder = ${options.holder}`;
  return renewed === 1;
}

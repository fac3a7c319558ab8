import { db } from "@/lib/server/db/client";
import { MAILDROP_LEASE_MS } from "./maildrop-lock";

export type AcquireMaildropLockOptions = {
  mailboxId: number;
  holder: string;
  leaseMs?: number;
};

/**
 * Takes the mailbox's POP3 lock for `holder` unless another holder has an unexpired lease.
 * One statement: the row lock taken by ON CONFLICT makes concurrent attempts serialise, so
 * exactly one of them wins. Returns false when the maildrop is in use.
 */
export async function acquireMaildropLock(options: AcquireMaildropLockOptions): Promise<boolean> {
  const leaseMs = options.leaseMs ?? MAILDROP_LEASE_MS;
  const rows = await db().$queryRaw<Array<{ holder: string }>>`
    INSERT INTO "Pop3MaildropLock" ("mailboxId", holder, "acquiredAt", "expiresAt")
    VALUES (${options.mailboxId}, ${options.holder}, now() AT TIME ZONE 'UTC',
            now() AT TIME ZONE 'UTC' + make_interval(secs => ${leaseMs / 1000}::double precision))
    ON CONFLICT ("mailboxId") DO UPDATE
      SET holder = EXCLUDED.holder, "acquiredAt" = EXCLUDED."acquiredAt",
          "expiresAt" = EXCLUDED."expiresAt"
      WHERE "Pop3MaildropLock"."expiresAt" <= now() AT TIME ZONE 'UTC'
    RETURNING holder`;
  return rows[0]?.holder === options.holder;
}

// Rows that only matter for a while are deleted once they stop mattering, so the tables every
// public request writes to (rate-limit hits, login attempts, settings and reset requests, one-time
// tokens) cannot grow without bound. Deletes go in batches so no statement holds locks for long.
import { db } from "@/lib/server/db/client";

const DAY = 24 * 60 * 60 * 1000;

/** How long each kind of row is kept (the longest window or view that still reads it, plus margin). */
export const RETENTION = {
  /** Rate-limit windows are at most one hour. */
  rateLimitHitMs: DAY,
  /** Support's login history of a mailbox; throttling reads only the last 15 minutes. */
  loginAttemptMs: 90 * DAY,
  /** The admin email queue; finished rows only (a pending one is still work to do). */
  finishedRequestMs: 30 * DAY,
  /** One-time tokens (reset, recovery confirmation) after they expired. */
  expiredTokenMs: DAY,
} as const;

const BATCH = 5_000;

export type PruneCounts = {
  rateLimitHits: number;
  loginAttempts: number;
  settingsRequests: number;
  passwordResetRequests: number;
  tokens: number;
};

export async function pruneExpiredRecords(options: { now?: Date } = {}): Promise<PruneCounts> {
  const now = (options.now ?? new Date()).getTime();
  const before = (ms: number) => new Date(now - ms);
  return {
    rateLimitHits: await inBatches(
      `DELETE FROM "RateLimitHit" WHERE id IN
         (SELECT id FROM "RateLimitHit" WHERE at < $1 LIMIT ${BATCH})`,
      before(RETENTION.rateLimitHitMs),
    ),
    loginAttempts: await inBatches(
      `DELETE FROM "LoginAttempt" WHERE id IN
         (SELECT id FROM "LoginAttempt" WHERE at < $1 LIMIT ${BATCH})`,
      before(RETENTION.loginAttemptMs),
    ),
    settingsRequests: await inBatches(
      `DELETE FROM "SettingsRequest" WHERE id IN
         (SELECT id FROM "SettingsRequest"
          WHERE "createdAt" < $1 AND "deliveryState" <> 'pending' LIMIT ${BATCH})`,
      before(RETENTION.finishedRequestMs),
    ),
    passwordResetRequests: await inBatches(
      `DELETE FROM "PasswordResetRequest" WHERE id IN
         (SELECT id FROM "PasswordResetRequest"
          WHERE "createdAt" < $1 AND "deliveryState" <> 'pending' LIMIT ${BATCH})`,
      before(RETENTION.finishedRequestMs),
    ),
    tokens: await inBatches(
      `DELETE FROM "PasswordResetToken" WHERE id IN
         (SELECT id FROM "PasswordResetToken" WHERE "expiresAt" < $1 LIMIT ${BATCH})`,
      before(RETENTION.expiredTokenMs),
    ),
  };
}

async function inBatches(statement: string, cutoff: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await db().$executeRawUnsafe(statement, cutoff);
    total += deleted;
    if (deleted < BATCH) return total;
  }
}

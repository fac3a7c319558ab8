// The one delivery queue for portal emails kept as rows (SettingsRequest, PasswordResetRequest):
// due "pending" rows are leased with FOR UPDATE SKIP LOCKED, so several workers (the 5-second
// loop, a door's immediate attempt, other portal instances) never send a row twice; a failure
// keeps the row pending with a doubling back-off and ends as "failed", visible to staff.
import { db } from "@/lib/server/db/client";
import { deliveryErrorText } from "./delivery-error-text";

export type DeliveryQueueTable = "SettingsRequest" | "PasswordResetRequest";

/** Attempts (with doubling back-off from 1 minute) before a row is marked failed. */
export const MAX_DELIVERY_ATTEMPTS = 6;
export const FIRST_RETRY_DELAY_MS = 60 * 1000;
/** How long a leased row stays invisible to other workers while it is being sent. */
const LEASE_MS = 5 * 60 * 1000;

/** A new row's delivery columns: a queued request is due now, anything else never goes out. */
export function initialDelivery(queued: boolean): {
  deliveryState: "pending" | "skipped";
  nextAttemptAt: Date | null;
} {
  return queued
    ? { deliveryState: "pending", nextAttemptAt: new Date() }
    : { deliveryState: "skipped", nextAttemptAt: null };
}

export type LeasedDelivery = { id: number; mailboxId: number | null; attempts: number };
/** What the sender did with a leased row; throwing means "failed, try again later". */
export type DeliveryResult = "sent" | "skipped";

export async function runDeliveryQueue<Job extends LeasedDelivery>(options: {
  table: DeliveryQueueTable;
  /** Further columns each leased job carries (quoted identifiers, fixed by the caller). */
  columns?: readonly string[];
  limit?: number;
  /** The queue's clock: rows due by then are leased, back-off counts from it (tests move it). */
  now?: Date;
  deliver: (job: Job) => Promise<DeliveryResult>;
}): Promise<{ sent: number; failed: number }> {
  const now = options.now ?? new Date();
  const extra = (options.columns ?? []).map((c) => `, ${c}`).join("");
  const leased = await db().$queryRawUnsafe<Job[]>(
    `UPDATE "${options.table}" SET "nextAttemptAt" = $2
     WHERE id IN (SELECT id FROM "${options.table}"
                  WHERE "deliveryState" = 'pending' AND "nextAttemptAt" <= $3
                  ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
     RETURNING id, "mailboxId", attempts${extra}`,
    options.limit ?? 10,
    new Date(now.getTime() + LEASE_MS),
    now,
  );
  let sent = 0;
  let failed = 0;
  for (const job of leased) {
    const attempts = job.attempts + 1;
    try {
      const result = await options.deliver(job);
      await settle(options.table, job.id, { attempts, state: result, now });
      if (result === "sent") sent++;
    } catch (error) {
      failed++;
      await settle(options.table, job.id, { attempts, state: "failed", now, error });
    }
  }
  return { sent, failed };
}

async function settle(
  table: DeliveryQueueTable,
  id: number,
  step: { attempts: number; state: DeliveryResult | "failed"; now: Date; error?: unknown },
) {
  const final = step.attempts >= MAX_DELIVERY_ATTEMPTS;
  const retryAt = new Date(step.now.getTime() + FIRST_RETRY_DELAY_MS * 2 ** (step.attempts - 1));
  const state = step.state !== "failed" ? step.state : final ? "failed" : "pending";
  // A skipped row keeps the error of an earlier attempt, if any, for staff to read.
  await db().$executeRawUnsafe(
    `UPDATE "${table}" SET attempts = $2, "deliveryState" = $3, "nextAttemptAt" = $4,
       "deliveredAt" = $5, "lastError" = CASE WHEN $3 = 'skipped' THEN "lastError" ELSE $6 END
     WHERE id = $1`,
    id,
    step.attempts,
    state,
    state === "pending" ? retryAt : null,
    step.state === "sent" ? step.now : null,
    step.state === "failed" ? deliveryErrorText(step.error) : null,
  );
}

// Background work of a portal process (started once from instrumentation.ts): the delivery
// queues of settings emails and reset links (lib/server/delivery-queue), and once an hour the
// deletion of rows past their retention (lib/server/maintenance).
import { pruneExpiredRecords } from "@/lib/server/maintenance/prune-expired-records";
import { deliverPendingPasswordResets } from "@/lib/server/password-reset/deliver-pending-password-resets";
import { deliverPendingSettingsEmails } from "@/lib/server/settings-request/deliver-pending-settings-emails";

const INTERVAL_MS = 5_000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
let lastPruneAt = 0;
let started = false;
let running = false;

/** One pass of one job; a failure of the pass itself is logged (rows keep their state). */
async function runJob(name: string, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    console.error(`[worker] ${name}:`, (error as Error).message);
  }
}

/**
 * The reset-link queue now, for the forgot-password door right after its answer. Safe next to
 * the loop: rows are leased, so a link is sent once whoever gets there first.
 */
export function deliverPasswordResetsNow(): Promise<void> {
  return runJob("reset links", () => deliverPendingPasswordResets());
}

export async function runPortalWorkersOnce(): Promise<void> {
  if (running) return;
  running = true;
  try {
    await runJob("settings emails", () => deliverPendingSettingsEmails());
    await deliverPasswordResetsNow();
    if (Date.now() - lastPruneAt >= PRUNE_EVERY_MS) {
      lastPruneAt = Date.now();
      await runJob("retention", () => pruneExpiredRecords());
    }
  } finally {
    running = false;
  }
}

export function startPortalWorkers(): void {
  if (started) return;
  started = true;
  setInterval(() => void runPortalWorkersOnce(), INTERVAL_MS).unref();
}

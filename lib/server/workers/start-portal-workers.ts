// Background work of a portal process (started once from instrumentation.ts).
import { deliverPendingSettingsEmails } from "@/lib/server/settings-request/deliver-pending-settings-emails";

const INTERVAL_MS = 5_000;
let started = false;
let running = false;

export async function runPortalWorkersOnce(): Promise<void> {
  if (running) return;
  running = true;
  try {
    await deliverPendingSettingsEmails();
  } catch (error) {
    console.error("[worker] settings emails:", (error as Error).message);
  } finally {
    running = false;
  }
}

export function startPortalWorkers(): void {
  if (started) return;
  started = true;
  setInterval(() => void runPortalWorkersOnce(), INTERVAL_MS).unref();
}

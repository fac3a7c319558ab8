// Counting and recording login attempts: shared by the mailbox login decision (every
// customer door) and the staff sign-in, so both throttle and delay failures identically.
import { loadEnv } from "@/lib/env";
import type { LoginDoor } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/server/db/client";
import {
  failureDelayMs,
  LOGIN_WINDOW_MS,
  MAX_FAILURES_PER_ADDRESS,
  MAX_FAILURES_PER_ADDRESS_AND_IP,
  MAX_FAILURES_PER_IP,
} from "./login-policy";

export type RecentFailures = {
  /** Failed attempts within the window for this address or from this IP, whichever is more. */
  count: number;
  /** Over a limit: refuse without checking the password. */
  throttled: boolean;
  /** How long to wait before answering a failure now. */
  delayMs: number;
};

export async function countRecentFailures(options: {
  address: string;
  ip: string | null;
}): Promise<RecentFailures> {
  const env = loadEnv();
  const since = new Date(Date.now() - LOGIN_WINDOW_MS);
  const failed = { success: false, at: { gte: since } };
  const [addressFailures, pairFailures, ipFailures] = await Promise.all([
    db().loginAttempt.count({ where: { address: options.address, ...failed } }),
    // Without a known IP (portal with TRUST_PROXY_HOPS=0) every client would share one "null"
    // bucket, and ten failures from anyone would lock the owner out: only the address caps apply.
    options.ip
      ? db().loginAttempt.count({ where: { address: options.address, ip: options.ip, ...failed } })
      : 0,
    options.ip ? db().loginAttempt.count({ where: { ip: options.ip, ...failed } }) : 0,
  ]);
  const count = Math.max(addressFailures, ipFailures);
  return {
    count,
    throttled:
      pairFailures >= MAX_FAILURES_PER_ADDRESS_AND_IP ||
      addressFailures >= MAX_FAILURES_PER_ADDRESS ||
      ipFailures >= MAX_FAILURES_PER_IP,
    delayMs: failureDelayMs(count, env.AUTH_FAILURE_DELAY_MS, env.AUTH_FAILURE_DELAY_MAX_MS),
  };
}

export async function recordLoginAttempt(attempt: {
  door: LoginDoor;
  address: string;
  ip: string | null;
  success: boolean;
  reason: string | null;
  mailboxId?: number | null;
}): Promise<void> {
  await db()
    .loginAttempt.create({ data: { ...attempt, mailboxId: attempt.mailboxId ?? null } })
    .catch(() => {}); // recording must never turn a decision into an outage
}

export const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

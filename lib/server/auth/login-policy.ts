// Throttling limits shared by every door (web, SMTP AUTH, POP3, IMAP).
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/**
 * Failed attempts for one address from one IP within the window before that IP is refused for
 * that address. Keyed by both, so an attacker cannot lock the owner out from elsewhere.
 */
export const MAX_FAILURES_PER_ADDRESS_AND_IP = 10;
/** Failed attempts for one address from all IPs: the cap on distributed guessing. */
export const MAX_FAILURES_PER_ADDRESS = 100;
/** Failed attempts from one IP within the window before further attempts are refused. */
export const MAX_FAILURES_PER_IP = 50;

/** Delay before answering a failure: base, doubling per recent failure, capped (Dovecot-like). */
export function failureDelayMs(recentFailures: number, baseMs: number, maxMs: number): number {
  if (baseMs === 0) return 0;
  return Math.min(baseMs * 2 ** Math.max(0, Math.min(recentFailures, 16)), maxMs);
}

export function isLoopback(ip: string | null | undefined): boolean {
  if (!ip) return false;
  const plain = ip.startsWith("::ffff:") ? ip.slice(7) : ip;
  return plain === "::1" || plain.startsWith("127.");
}

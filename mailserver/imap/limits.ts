// Limits of one IMAP listener group; tests shrink the timers.

/** Memory for the per-process SELECT snapshot cache (about 40,000 messages' UIDs/flags/modseqs). */
export const FOLDER_SNAPSHOT_CACHE_BYTES = 4 * 1024 * 1024;

export type ImapLimits = {
  maxLineLength: number;
  /** Largest literal outside APPEND (LOGIN passwords, SEARCH strings). */
  maxCommandLiteral: number;
  /** APPENDLIMIT: largest message APPEND accepts. */
  appendLimit: number;
  maxBadCommands: number;
  idleTimeoutMs: number;
  idleKeepAliveMs: number;
  maxConnectionsPerIp: number;
  maxConnectionsPerUser: number;
  /** How long a connection lease outlives its process's last renewal (crash recovery). */
  connectionLeaseTtlMs: number;
};

export function defaultLimits(maxMessageSize: number): ImapLimits {
  return {
    maxLineLength: 64 * 1024,
    maxCommandLiteral: 64 * 1024,
    appendLimit: maxMessageSize,
    maxBadCommands: 20,
    idleTimeoutMs: 30 * 60 * 1000,
    idleKeepAliveMs: 2 * 60 * 1000,
    maxConnectionsPerIp: 50,
    maxConnectionsPerUser: 20,
    connectionLeaseTtlMs: 90_000,
  };
}

/** Counts open connections per key (here: per IP, within one process). */
export class ConnectionCounter {
  private counts = new Map<string, number>();

  tryAdd(key: string, max: number): boolean {
    const n = this.counts.get(key) ?? 0;
    if (n >= max) return false;
    this.counts.set(key, n + 1);
    return true;
  }

  remove(key: string): void {
    const n = (this.counts.get(key) ?? 1) - 1;
    if (n <= 0) this.counts.delete(key);
    else this.counts.set(key, n);
  }
}

// Max connections per IP and per mailbox across every backend process (lib/server/imap/
// connection-leases.ts holds the rule). A per-process counter for the IP is checked first, so a
// flood from one address is turned away without touching the database.
import { randomUUID } from "node:crypto";
import {
  acquireConnectionLease,
  leaseForMailbox,
  releaseConnectionLease,
  releaseInstanceLeases,
  renewConnectionLeases,
} from "@/lib/server/imap/connection-leases";
import { ConnectionCounter, type ImapLimits } from "./limits";

/** One admitted connection; leaseId is null when the database could not be asked. */
export type Admission = { ip: string; leaseId: string | null; released: boolean };

export class ConnectionLimits {
  readonly instanceId = randomUUID();
  private readonly local = new ConnectionCounter();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly limits: ImapLimits,
    private readonly log: (message: string) => void,
  ) {
    this.heartbeat = setInterval(
      () =>
        void renewConnectionLeases(this.instanceId, limits.connectionLeaseTtlMs).catch((error) =>
          log(`imap: cannot renew connection leases: ${(error as Error).message}`),
        ),
      Math.max(1000, Math.floor(limits.connectionLeaseTtlMs / 3)),
    );
    this.heartbeat.unref();
  }

  /** null: the address already has as many connections as it may (in any process). */
  async admit(ip: string): Promise<Admission | null> {
    const max = this.limits.maxConnectionsPerIp;
    if (!this.local.tryAdd(ip, max)) return null;
    try {
      const leaseId = await acquireConnectionLease({
        instanceId: this.instanceId,
        ip,
        maxPerIp: max,
        ttlMs: this.limits.connectionLeaseTtlMs,
      });
      if (leaseId) return { ip, leaseId, released: false };
      this.local.remove(ip);
      return null;
    } catch (error) {
      // Without the database nobody can log in anyway; the per-process limit still holds.
      this.log(`imap: connection lease unavailable: ${(error as Error).message}`);
      return { ip, leaseId: null, released: false };
    }
  }

  /** false: the mailbox already has as many connections as it may (in any process). */
  async admitMailbox(admission: Admission, mailboxId: number): Promise<boolean> {
    if (!admission.leaseId) return true;
    return leaseForMailbox({
      leaseId: admission.leaseId,
      mailboxId,
      maxPerMailbox: this.limits.maxConnectionsPerUser,
    });
  }

  release(admission: Admission): void {
    if (admission.released) return;
    admission.released = true;
    this.local.remove(admission.ip);
    if (admission.leaseId)
      // If this fails the lease expires on its own.
      void releaseConnectionLease(admission.leaseId).catch(() => {});
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    await releaseInstanceLeases(this.instanceId).catch(() => {});
  }
}

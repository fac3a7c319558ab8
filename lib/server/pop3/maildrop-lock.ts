// RFC 1939 §8: the server acquires "an exclusive-access lock on the maildrop" when a POP3
// session authenticates. Several mail backend processes share one database, so the lock is a
// row with a lease (Pop3MaildropLock). Times are compared on the database clock only, so
// processes with skewed clocks still agree.
import { randomUUID } from "node:crypto";
import os from "node:os";

/** How long a lease lives without renewal (a crashed holder frees the maildrop after this). */
export const MAILDROP_LEASE_MS = 60_000;
/** How often a live session renews its lease. */
export const MAILDROP_RENEW_MS = 15_000;

/** A holder id that is unique per session and still tells an operator where it lives. */
export function newMaildropLockHolder(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID()}`;
}

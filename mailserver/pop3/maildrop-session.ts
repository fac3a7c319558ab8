// What an authenticated POP3 session holds: the maildrop snapshot with its deletion marks, the
// maildrop lock (renewed on a timer) and the identity to re-check on every command.
import { acquireMaildropLock } from "@/lib/server/pop3/acquire-maildrop-lock";
import { checkPop3Session } from "@/lib/server/pop3/check-pop3-session";
import { commitMaildropDeletions } from "@/lib/server/pop3/commit-maildrop-deletions";
import { newMaildropLockHolder } from "@/lib/server/pop3/maildrop-lock";
import { openMaildrop, type MaildropMessage } from "@/lib/server/pop3/open-maildrop";
import { readMaildropMessageSlice } from "@/lib/server/pop3/read-maildrop-message-slice";
import { releaseMaildropLock } from "@/lib/server/pop3/release-maildrop-lock";
import { renewMaildropLock } from "@/lib/server/pop3/renew-maildrop-lock";
import type { AuthenticatedMailbox } from "@/lib/server/auth/authenticate-mailbox";
import type { Pop3Limits } from "./limits";

export type MessageLookup =
  { ok: true; number: number; message: MaildropMessage } | { ok: false; error: string };

const RELEASE_RETRY_MS = 1000;

/**
 * A release that failed (database away) is retried in the background until the database is
 * back or the lease has run out anyway, so after an outage the customer's next login does not
 * meet [IN-USE] for a whole lease. Only this holder's row is ever deleted.
 */
function releaseLater(lock: { mailboxId: number; holder: string }, leaseMs: number): void {
  const giveUpAt = Date.now() + leaseMs;
  const attempt = () => {
    if (Date.now() > giveUpAt) return;
    releaseMaildropLock(lock).catch(() => setTimeout(attempt, RELEASE_RETRY_MS).unref());
  };
  setTimeout(attempt, RELEASE_RETRY_MS).unref();
}

export class MaildropSession {
  private readonly deleted = new Set<number>();
  private renewTimer: NodeJS.Timeout | null = null;
  private lockLost = false;
  private released = false;
  /** The first slice of the message a client will most likely RETR next (see prefetchAfter). */
  private prefetched: { uid: number; first: Promise<Buffer | undefined> } | null = null;

  private constructor(
    readonly mailbox: AuthenticatedMailbox,
    private readonly holder: string,
    private readonly folderId: number,
    private readonly messages: MaildropMessage[],
    private readonly limits: Pop3Limits,
  ) {}

  /** Locks and opens the maildrop; null when another session holds it ([IN-USE]). */
  static async open(
    mailbox: AuthenticatedMailbox,
    limits: Pop3Limits,
  ): Promise<MaildropSession | null> {
    const holder = newMaildropLockHolder();
    const lease = { mailboxId: mailbox.id, holder, leaseMs: limits.lockLeaseMs };
    if (!(await acquireMaildropLock(lease))) return null;
    try {
      const drop = await openMaildrop({ mailboxId: mailbox.id });
      const session = new MaildropSession(mailbox, holder, drop.folderId, drop.messages, limits);
      session.renewTimer = setInterval(() => void session.renew(), limits.lockRenewMs);
      session.renewTimer.unref();
      return session;
    } catch (error) {
      await releaseMaildropLock(lease).catch(() => releaseLater(lease, limits.lockLeaseMs));
      throw error;
    }
  }

  /** Messages not marked deleted: [count, octets] as STAT and RSET report them. */
  totals(): { count: number; octets: number } {
    let count = 0;
    let octets = 0;
    this.messages.forEach((m, i) => {
      if (this.deleted.has(i)) return;
      count++;
      octets += m.size;
    });
    return { count, octets };
  }

  /** Every message not marked deleted, with its 1-based number. */
  listing(): Array<{ number: number; message: MaildropMessage }> {
    return this.messages
      .map((message, i) => ({ number: i + 1, message }))
      .filter((entry) => !this.deleted.has(entry.number - 1));
  }

  /** Resolves a message-number argument (RFC 1939: deleted messages may not be referred to). */
  lookup(argument: string): MessageLookup {
    if (!/^\d{1,10}$/.test(argument)) return { ok: false, error: "Invalid message number." };
    const number = Number(argument);
    if (number < 1 || number > this.messages.length)
      return { ok: false, error: "No such message." };
    if (this.deleted.has(number - 1))
      return { ok: false, error: `Message ${number} is already deleted.` };
    return { ok: true, number, message: this.messages[number - 1] };
  }

  markDeleted(number: number): void {
    this.deleted.add(number - 1);
  }

  /** RSET: every deletion mark removed. */
  unmarkAll(): void {
    this.deleted.clear();
  }

  get deletedCount(): number {
    return this.deleted.size;
  }

  /**
   * The message's bytes as slices read one after another (the next only when the previous
   * has been sent). The first slice is read here (or taken from the read-ahead), so a
   * vanished message or a database failure is known before anything is sent; null when the
   * message is gone.
   */
  async openMessage(message: MaildropMessage): Promise<AsyncIterable<Buffer> | null> {
    const slice = (offset: number) => this.readSlice(message.uid, offset);
    const first = (await this.takePrefetched(message.uid)) ?? (await slice(0));
    if (!first) return null;
    return (async function* () {
      yield first;
      for (let offset = first.length; offset < message.size;) {
        const next = await slice(offset);
        if (!next || next.length === 0) throw new Error("message vanished while being sent");
        yield next;
        offset += next.length;
      }
    })();
  }

  /**
   * Clients RETR one message after another: once message `number` is sent, the first slice
   * of the next one not marked deleted is read while the client digests this one, so its
   * RETR waits only for the session check. At most one slice is held; a failed or empty read
   * is simply read again at RETR time. A message expunged in between (IMAP, despite the
   * lock) is still sent, as it would be had the expunge come a moment after the RETR.
   */
  prefetchAfter(number: number): void {
    this.prefetched = null;
    let index = number;
    while (index < this.messages.length && this.deleted.has(index)) index++;
    const next = this.messages[index];
    if (!next || this.released) return;
    const first = this.readSlice(next.uid, 0).then(
      (bytes) => bytes ?? undefined,
      () => undefined,
    );
    this.prefetched = { uid: next.uid, first };
  }

  private takePrefetched(uid: number): Promise<Buffer | undefined> | undefined {
    const prefetched = this.prefetched;
    this.prefetched = null;
    return prefetched?.uid === uid ? prefetched.first : undefined;
  }

  private readSlice(uid: number, offset: number): Promise<Buffer | null> {
    return readMaildropMessageSlice({
      folderId: this.folderId,
      uid,
      offset,
      length: this.limits.messageSliceBytes,
    });
  }

  /** Whether the session may go on: lock still ours, password and access unchanged. */
  async check(): Promise<"valid" | "revoked" | "lock-lost"> {
    if (this.lockLost) return "lock-lost";
    return checkPop3Session({
      mailboxId: this.mailbox.id,
      sessionVersion: this.mailbox.sessionVersion,
    });
  }

  /** The UPDATE state: removes the marked messages and gives the lock back. */
  async commit(): Promise<number> {
    this.stopRenewal();
    const uids = [...this.deleted].map((i) => this.messages[i].uid);
    const { removed } = await commitMaildropDeletions({
      mailboxId: this.mailbox.id,
      folderId: this.folderId,
      holder: this.holder,
      uids,
    });
    this.released = true;
    return removed.length;
  }

  /** Ends the session without UPDATE: nothing is deleted, the lock is given back. */
  async release(): Promise<void> {
    this.stopRenewal();
    if (this.released) return;
    this.released = true;
    const lock = { mailboxId: this.mailbox.id, holder: this.holder };
    try {
      await releaseMaildropLock(lock);
    } catch (error) {
      releaseLater(lock, this.limits.lockLeaseMs);
      throw error;
    }
  }

  private async renew() {
    try {
      const held = await renewMaildropLock({
        mailboxId: this.mailbox.id,
        holder: this.holder,
        leaseMs: this.limits.lockLeaseMs,
      });
      if (!held) {
        this.lockLost = true;
        this.stopRenewal();
      }
    } catch {
      // Database unreachable: try again at the next tick; the lease covers several ticks.
    }
  }

  private stopRenewal() {
    this.prefetched = null;
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.renewTimer = null;
  }
}

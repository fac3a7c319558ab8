// What an authenticated POP3 session holds: the maildrop snapshot with its deletion marks, the
// maildrop lock (renewed on a timer) and the identity to re-check on every command.
import { acquireMaildropLock } from "@/lib/server/pop3/acquire-maildrop-lock";
import {
  accessRefusal,
  checkMailboxAccess,
  type AccessRefusal,
} from "@/lib/server/auth/check-mailbox-access";
import { commitMaildropDeletions } from "@/lib/server/pop3/commit-maildrop-deletions";
import { newMaildropLockHolder } from "@/lib/server/pop3/maildrop-lock";
import { openMaildrop, type MaildropMessage } from "@/lib/server/pop3/open-maildrop";
import { readMessageBytes } from "@/lib/server/mail-store/read-message-bytes";
import { releaseMaildropLock } from "@/lib/server/pop3/release-maildrop-lock";
import { renewMaildropLock } from "@/lib/server/pop3/renew-maildrop-lock";
import type { AuthenticatedMailbox } from "@/lib/server/auth/authenticate-mailbox";
import type { Pop3Limits } from "./limits";
import { MessageReadAhead } from "./message-read-ahead";

/** Whether the session may go on; otherwise why not. */
export type SessionState = "valid" | AccessRefusal | "lock-lost";

/**
 * A RETR/TOP's session check with its message: `open` gives the message's slices (null when
 * the message is gone); only to be called when `state` is "valid".
 */
export type CheckedMessage = {
  state: SessionState;
  open: () => Promise<AsyncIterable<Buffer> | null>;
};

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

/**
 * A slice read while the previous one is sent: if the sending stops first (client gone, TOP
 * has its lines), nobody awaits it, and its failure must not count as unhandled.
 */
function readingAhead<T>(read: Promise<T>): Promise<T> {
  read.catch(() => {});
  return read;
}

export class MaildropSession {
  private readonly deleted = new Set<number>();
  private renewTimer: NodeJS.Timeout | null = null;
  private lockLost = false;
  private released = false;
  /** First slices of the messages a client will most likely retrieve next. */
  private readonly readAhead: MessageReadAhead;

  private constructor(
    readonly mailbox: AuthenticatedMailbox,
    private readonly holder: string,
    private readonly folderId: number,
    private readonly messages: MaildropMessage[],
    private readonly limits: Pop3Limits,
  ) {
    this.readAhead = new MessageReadAhead(
      messages,
      (index) => this.deleted.has(index),
      (uids) => this.readFirstSlices(uids),
      limits.messageSliceBytes,
      limits.readAheadBytes,
    );
  }

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
    this.readAhead.drop(number - 1);
  }

  /** RSET: every deletion mark removed. */
  unmarkAll(): void {
    this.deleted.clear();
  }

  get deletedCount(): number {
    return this.deleted.size;
  }

  /**
   * The session check and message `number`'s first slice in one round trip: a slice read ahead
   * (usually) is awaited while the check runs; otherwise the check's own statement reads the
   * slice, and only if the session may go on. Nothing of the message is to be sent before the
   * check passed. Each further slice is read while the previous one is being sent, so at most
   * two are held. A message expunged (IMAP, despite the lock) after its slice was read ahead is
   * still sent, as it would be had the expunge come a moment after the RETR.
   */
  async checkAndOpen(number: number): Promise<CheckedMessage> {
    const message = this.messages[number - 1];
    const ahead = this.lockLost ? undefined : this.readAhead.take(number - 1);
    if (this.lockLost || ahead) {
      ahead?.catch(() => {});
      const state = await this.check();
      return {
        state,
        open: async () => {
          const first = (await ahead) ?? (await this.readSlice(message.uid, 0));
          return first ? this.slicesFrom(message, first) : null;
        },
      };
    }
    const checked = await checkMailboxAccess({
      mailboxId: this.mailbox.id,
      door: "POP3",
      folderId: this.folderId,
      sessionVersion: this.mailbox.sessionVersion,
      slice: { uid: message.uid, offset: 0, length: this.limits.messageSliceBytes },
    });
    const first = checked.bytes;
    return {
      state: checked.refusal ?? "valid",
      open: async () => (first ? this.slicesFrom(message, first) : null),
    };
  }

  /** The message's slices from the first one on, each next one read while one is sent. */
  private slicesFrom(message: MaildropMessage, first: Buffer): AsyncIterable<Buffer> {
    const slice = (offset: number) => this.readSlice(message.uid, offset);
    return (async function* () {
      let offset = first.length;
      let next = offset < message.size ? readingAhead(slice(offset)) : null;
      yield first;
      while (next) {
        const bytes = await next;
        if (!bytes || bytes.length === 0) throw new Error("message vanished while being sent");
        offset += bytes.length;
        next = offset < message.size ? readingAhead(slice(offset)) : null;
        yield bytes;
      }
    })();
  }

  private async readFirstSlices(uids: number[]): Promise<Map<number, Buffer>> {
    if (this.released) return new Map();
    const rows = await readMessageBytes({
      folderId: this.folderId,
      uids,
      part: { offset: 0, length: this.limits.messageSliceBytes },
    });
    return new Map(rows.map((r) => [r.uid, r.bytes ?? Buffer.alloc(0)]));
  }

  private async readSlice(uid: number, offset: number): Promise<Buffer | null> {
    const [row] = await readMessageBytes({
      folderId: this.folderId,
      uids: [uid],
      part: { offset, length: this.limits.messageSliceBytes },
    });
    return row ? (row.bytes ?? Buffer.alloc(0)) : null;
  }

  /** Whether the session may go on: lock still ours, password and access unchanged. */
  async check(): Promise<SessionState> {
    if (this.lockLost) return "lock-lost";
    const { access } = await checkMailboxAccess({ mailboxId: this.mailbox.id, door: "POP3" });
    return accessRefusal(access, this.mailbox.sessionVersion) ?? "valid";
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
    this.readAhead.clear();
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.renewTimer = null;
  }
}

// First slices of the messages a POP3 client will most likely retrieve next, read several at a
// time in one query while the client is busy with the previous ones: clients RETR 1, 2, 3, …
// in order, so a RETR then waits only for its session check. Bounded in bytes per session.
// A message not read ahead is read by the session check's own statement instead (one round trip).
import type { MaildropMessage } from "@/lib/server/pop3/open-maildrop";

/** Reads the first slice of each listed message in one query; a message gone has no entry. */
export type FirstSliceReader = (uids: number[]) => Promise<Map<number, Buffer>>;

/** At most this many messages per read-ahead query (keeps the uid list and the answer short). */
const MAX_MESSAGES_PER_READ = 100;

export class MessageReadAhead {
  /** uid → its first slice, or the read that will bring it. */
  private readonly entries = new Map<number, Promise<Buffer | undefined>>();
  /** Bytes the entries hold or will hold. */
  private heldBytes = 0;
  private readonly sizes = new Map<number, number>();
  /** Index (0-based, in the maildrop) after the last message read ahead. */
  private nextIndex = 0;
  /** The read under way, if any (one at a time, unless a take must start over). */
  private reading: Promise<unknown> | null = null;

  constructor(
    private readonly messages: readonly MaildropMessage[],
    private readonly isDeleted: (index: number) => boolean,
    private readonly read: FirstSliceReader,
    private readonly sliceBytes: number,
    private readonly budgetBytes: number,
  ) {}

  /**
   * The first slice of message `index` if it was read ahead (or is being read): a promise of
   * it, undefined in it when that read failed or the message is gone (the caller reads it on
   * its own and reports what it finds). Not read ahead (the first RETR, or out of order): no
   * promise, and the read-ahead starts over after `index`, whose slice the caller reads itself.
   * After a take the following messages are read ahead if the buffer runs low.
   */
  take(index: number): Promise<Buffer | undefined> | undefined {
    const uid = this.messages[index]?.uid;
    if (uid === undefined) return undefined;
    const entry = this.entries.get(uid);
    if (!entry) {
      this.clear();
      this.nextIndex = index + 1;
      this.readMore(true);
      return undefined;
    }
    this.forget(uid);
    return entry.then((first) => {
      if (this.heldBytes < this.budgetBytes / 2) this.readMore(false);
      return first;
    });
  }

  /** A message marked deleted is not retrieved any more: its bytes are let go. */
  drop(index: number): void {
    const uid = this.messages[index]?.uid;
    if (uid !== undefined) this.forget(uid);
  }

  clear(): void {
    this.entries.clear();
    this.sizes.clear();
    this.heldBytes = 0;
  }

  /** Starts one read of the next messages that fit the budget (at least one when `force`). */
  private readMore(force: boolean): void {
    if (this.reading && !force) return;
    const uids: number[] = [];
    let bytes = this.heldBytes;
    while (this.nextIndex < this.messages.length && uids.length < MAX_MESSAGES_PER_READ) {
      if (this.isDeleted(this.nextIndex)) {
        this.nextIndex++;
        continue;
      }
      const message = this.messages[this.nextIndex];
      const size = Math.min(message.size, this.sliceBytes);
      if (bytes + size > this.budgetBytes && !(force && uids.length === 0)) break;
      uids.push(message.uid);
      this.sizes.set(message.uid, size);
      bytes += size;
      this.nextIndex++;
    }
    if (uids.length === 0) return;
    this.heldBytes = bytes;
    const done = this.read(uids).catch(() => new Map<number, Buffer>());
    this.reading = done;
    void done.then(() => {
      if (this.reading === done) this.reading = null;
    });
    // Each entry keeps only its own slice: one taken or dropped is let go at once.
    const slice = (slices: Map<number, Buffer>, uid: number) => {
      const bytes = slices.get(uid);
      slices.delete(uid);
      return bytes;
    };
    for (const uid of uids)
      this.entries.set(
        uid,
        done.then((slices) => slice(slices, uid)),
      );
  }

  private forget(uid: number) {
    if (!this.entries.delete(uid)) return;
    this.heldBytes -= this.sizes.get(uid) ?? 0;
    this.sizes.delete(uid);
  }
}

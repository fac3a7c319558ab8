// Group commit for incoming mail. Messages that arrive while a commit is under way (or within
// the same moment) wait for the next one and are stored together by commitDeliveryBatch, so a
// busy mailbox costs one commit per batch instead of one per message. Each caller still gets
// its own answer only after its message is committed, or its own error:
// - a batch that does not fit a quota (or meets a deadlock) is retried message by message, so
//   one full mailbox refuses only the messages that do not fit;
// - any other failure (database down) fails every message of the batch (SMTP answers 451).
// Batches in flight at the same time never share a mailbox: no lock waits, no deadlocks between
// them, and each mailbox's messages are committed in arrival order.
import { db } from "@/lib/server/db/client";
import { commitDeliveryBatch, isBatchRefused, type BatchedMessage } from "./commit-delivery-batch";
import { deliverMessage, imapFields, type DeliveredMessage } from "./deliver-message";

export type DeliveryBatcherOptions = {
  /** How long the first message waits for company, in ms (0: the same event-loop turn). */
  windowMs: number;
  maxMessages: number;
  /** A larger message still goes, alone. */
  maxBytes: number;
  /** Batches committing at the same time (each holds one pooled connection). */
  maxConcurrent: number;
};

// A 2 ms window made batches larger and the backend cheaper per message in
// bench/smtp-inbound.ts (10 sessions, loaded 2-core machine: 109-127 vs 63-87 msgs/s with 0).
export const DEFAULT_DELIVERY_BATCHER_OPTIONS: DeliveryBatcherOptions = {
  windowMs: 2,
  maxMessages: 64,
  maxBytes: 8 * 1024 * 1024,
  maxConcurrent: 4,
};

export type DeliverToInboxesOptions = { mailboxIds: number[]; raw: Buffer };

export type DeliveryBatcher = {
  /** Stores the message in the INBOX of every mailbox; one result per mailbox id (ascending). */
  deliver(options: DeliverToInboxesOptions): Promise<DeliveredMessage[]>;
};

type Waiter = {
  message: BatchedMessage;
  resolve(result: DeliveredMessage[]): void;
  reject(error: unknown): void;
};

const isDeadlock = (error: unknown) =>
  error instanceof Error && /deadlock detected|could not serialize/.test(error.message);

/** The careful path: one transaction for one message, with exact per-message answers. */
function deliverAlone(message: BatchedMessage): Promise<DeliveredMessage[]> {
  return db().$transaction(
    async (tx) => {
      const results: DeliveredMessage[] = [];
      for (const mailboxId of message.mailboxIds)
        results.push(
          await deliverMessage(
            { mailboxId, raw: message.raw, imap: message.imap, internalDate: message.internalDate },
            tx,
          ),
        );
      return results;
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

export function createDeliveryBatcher(
  options: DeliveryBatcherOptions = DEFAULT_DELIVERY_BATCHER_OPTIONS,
): DeliveryBatcher {
  const queue: Waiter[] = [];
  const busy = new Set<number>();
  let inFlight = 0;
  let scheduled = false;

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    const later = () => {
      scheduled = false;
      pump();
    };
    if (options.windowMs > 0) setTimeout(later, options.windowMs);
    else setImmediate(later);
  }

  /** The next batch: queued messages in order, skipping (with all later ones for the same
   * mailboxes) those whose mailboxes a batch in flight holds. */
  function take(): Waiter[] {
    const batch: Waiter[] = [];
    const blocked = new Set(busy);
    let bytes = 0;
    for (let i = 0; i < queue.length && batch.length < options.maxMessages;) {
      const { message } = queue[i];
      if (message.mailboxIds.some((id) => blocked.has(id))) {
        message.mailboxIds.forEach((id) => blocked.add(id));
        i++;
        continue;
      }
      if (batch.length > 0 && bytes + message.raw.length > options.maxBytes) break;
      batch.push(...queue.splice(i, 1));
      bytes += message.raw.length;
    }
    return batch;
  }

  async function commit(batch: Waiter[]) {
    try {
      const results = await commitDeliveryBatch(batch.map((w) => w.message));
      batch.forEach((w, i) => w.resolve(results[i]));
    } catch (error) {
      if (!isBatchRefused(error) && !isDeadlock(error)) {
        for (const w of batch) w.reject(error);
        return;
      }
      for (const w of batch) await deliverAlone(w.message).then(w.resolve, w.reject);
    }
  }

  function pump() {
    while (inFlight < options.maxConcurrent && queue.length > 0) {
      const batch = take();
      if (batch.length === 0) return;
      const ids = new Set(batch.flatMap((w) => w.message.mailboxIds));
      ids.forEach((id) => busy.add(id));
      inFlight++;
      void commit(batch).finally(() => {
        inFlight--;
        ids.forEach((id) => busy.delete(id));
        // Whatever queued up during this commit goes now, together.
        pump();
      });
    }
  }

  return {
    deliver({ mailboxIds, raw }) {
      const message: BatchedMessage = {
        mailboxIds: [...new Set(mailboxIds)].sort((a, b) => a - b),
        raw,
        // Parsed here, outside any lock, so the batch's statement is all the database holds.
        imap: imapFields(raw),
        internalDate: new Date(),
      };
      return new Promise((resolve, reject) => {
        queue.push({ message, resolve, reject });
        schedule();
      });
    },
  };
}

let shared: DeliveryBatcher | undefined;

/** The process's batcher: SMTP delivery to local mailboxes goes through here. */
export function deliverToInboxes(options: DeliverToInboxesOptions): Promise<DeliveredMessage[]> {
  shared ??= createDeliveryBatcher();
  return shared.deliver(options);
}

// Records what one relay attempt achieved, recipient by recipient: delivered ones are done,
// temporary failures are retried with exponential backoff until the attempts run out, and
// permanent failures (or exhausted retries) are bounced: a DSN goes into the sender's INBOX.
import { db, type Tx } from "@/lib/server/db/client";
import { isAppError } from "@/lib/server/errors/app-error";
import { deliverMessage } from "@/lib/server/mail-store/deliver-message";
import { buildBounceMessage, type FailedRecipient } from "./build-bounce-message";

export type OutboundRetryPolicy = {
  /** Attempts in all, the first included, before a temporary failure becomes a bounce. */
  maxAttempts: number;
  /** Wait after the first failed attempt; doubles after each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
};

export const DEFAULT_OUTBOUND_RETRY_POLICY: OutboundRetryPolicy = {
  maxAttempts: 16,
  baseDelayMs: 60_000,
  maxDelayMs: 2 * 3600_000,
};

export type SettleOutboundAttemptOptions = {
  id: bigint;
  /** The attempt number the claim returned: a stale worker (lease expired) changes nothing. */
  attempt: number;
  temporaryFailures: FailedRecipient[];
  permanentFailures: FailedRecipient[];
  policy: OutboundRetryPolicy;
  reportingHost: string;
};

export type OutboundState = "sent" | "queued" | "bounced" | "stale";

export function retryDelayMs(attempt: number, policy: OutboundRetryPolicy): number {
  return Math.min(
    policy.baseDelayMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)),
    policy.maxDelayMs,
  );
}

export async function settleOutboundAttempt(
  options: SettleOutboundAttemptOptions,
): Promise<OutboundState> {
  const retriesLeft = options.attempt < options.policy.maxAttempts;
  const retry = retriesLeft ? options.temporaryFailures : [];
  const failed = [
    ...options.permanentFailures,
    ...(retriesLeft
      ? []
      : options.temporaryFailures.map((f) => ({
          recipient: f.recipient,
          diagnostic: `${f.diagnostic} (gave up after ${options.attempt} attempts)`,
        }))),
  ];
  const state = retry.length > 0 ? "queued" : failed.length > 0 ? "bounced" : "sent";
  const lastError = [...options.temporaryFailures, ...options.permanentFailures]
    .map((f) => `${f.recipient}: ${f.diagnostic}`)
    .join("; ")
    .slice(0, 2000);

  return db().$transaction(async (tx) => {
    const updated = await tx.outboundMessage.updateMany({
      where: { id: options.id, attempts: options.attempt, state: "queued" },
      data: {
        state,
        lastError: lastError || null,
        ...(retry.length > 0
          ? {
              recipients: retry.map((f) => f.recipient),
              nextAttemptAt: new Date(Date.now() + retryDelayMs(options.attempt, options.policy)),
            }
          : {}),
      },
    });
    if (updated.count !== 1) return "stale";
    if (failed.length > 0) await bounceToSender(tx, options, failed);
    return state;
  });
}

async function bounceToSender(
  tx: Tx,
  options: SettleOutboundAttemptOptions,
  failed: FailedRecipient[],
): Promise<void> {
  const message = await tx.outboundMessage.findUniqueOrThrow({
    where: { id: options.id },
    select: { mailboxId: true, envelopeFrom: true, raw: true, createdAt: true },
  });
  // No bounce for a bounce (null sender), nor for a sender whose mailbox is gone.
  if (!message.mailboxId || !message.envelopeFrom) return;
  const raw = buildBounceMessage({
    reportingHost: options.reportingHost,
    sender: message.envelopeFrom,
    failed,
    original: Buffer.from(message.raw),
    arrivalDate: message.createdAt,
  });
  try {
    await deliverMessage({ mailboxId: message.mailboxId, raw }, tx);
  } catch (error) {
    // A full (or deleted) mailbox cannot take the notice; the row still records the failure.
    if (!isAppError(error)) throw error;
  }
}

// Relays queued remote mail through the smarthost (SMTP_RELAY_URL). Every mail backend
// instance runs one; the queue claim (FOR UPDATE SKIP LOCKED + lease) keeps instances from
// sending the same message twice.
import nodemailer from "nodemailer";
import { claimOutboundMessages } from "@/lib/server/mail-delivery/claim-outbound-messages";
import {
  settleOutboundAttempt,
  type OutboundRetryPolicy,
} from "@/lib/server/mail-delivery/settle-outbound-attempt";
import type { MailLogger } from "../logging/mail-logger";
import { outcomeOfError, outcomeOfSuccess, type RelayOutcome } from "./relay-outcome";

export type OutboundRelayOptions = {
  relayUrl: string;
  hostname: string;
  logger: MailLogger;
  policy: OutboundRetryPolicy;
  pollIntervalMs: number;
  /** How long a claimed message stays invisible to other instances while it is being sent. */
  leaseMs: number;
  batchSize?: number;
};

export type OutboundRelayWorker = { kick(): void; stop(): Promise<void> };

export function startOutboundRelayWorker(options: OutboundRelayOptions): OutboundRelayWorker {
  const transport = nodemailer.createTransport({
    url: options.relayUrl,
    name: options.hostname,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: Math.min(options.leaseMs / 2, 300_000),
    logger: false,
  });
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const relayOne = async (message: Awaited<ReturnType<typeof claimOutboundMessages>>[number]) => {
    let outcome: RelayOutcome;
    try {
      const info = await transport.sendMail({
        envelope: { from: message.envelopeFrom, to: message.recipients },
        raw: message.raw,
      });
      outcome = outcomeOfSuccess(message.recipients, info);
    } catch (error) {
      outcome = outcomeOfError(message.recipients, error);
    }
    const state = await settleOutboundAttempt({
      id: message.id,
      attempt: message.attempt,
      temporaryFailures: outcome.temporary,
      permanentFailures: outcome.permanent,
      policy: options.policy,
      reportingHost: options.hostname,
    });
    const failures = [...outcome.temporary, ...outcome.permanent];
    options.logger.info(
      {
        event: "relay_attempt",
        messageId: message.id,
        attempt: message.attempt,
        state,
        failures: failures.map((f) => f.diagnostic),
      },
      `relay message ${message.id} attempt ${message.attempt}: ${state}`,
    );
  };

  const drain = async () => {
    do {
      again = false;
      try {
        for (;;) {
          if (stopped) return;
          const batch = await claimOutboundMessages({
            limit: options.batchSize ?? 10,
            leaseMs: options.leaseMs,
          });
          if (batch.length === 0) break;
          for (const message of batch) await relayOne(message);
        }
      } catch (error) {
        options.logger.error(
          { event: "relay_queue_unavailable", err: (error as Error).message },
          "relay queue unavailable",
        );
      }
    } while (again && !stopped);
  };

  const schedule = (delayMs: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, delayMs);
    timer.unref();
  };

  function run() {
    if (running) {
      again = true;
      return;
    }
    running = drain().finally(() => {
      running = undefined;
      schedule(options.pollIntervalMs);
    });
  }

  schedule(0);
  return {
    kick: () => schedule(0),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      transport.close();
    },
  };
}

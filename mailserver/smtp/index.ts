// SMTP for the mail backend: inbound delivery for hosted domains on SMTP_PORT, authenticated
// submission on SUBMISSION_PORT (STARTTLS) and SMTPS_PORT (implicit TLS), and the worker
// relaying queued remote mail through SMTP_RELAY_URL.
import {
  DEFAULT_OUTBOUND_RETRY_POLICY,
  type OutboundRetryPolicy,
} from "@/lib/server/mail-delivery/settle-outbound-attempt";
import type { MailContext, RunningService } from "../service";
import type { SmtpDoorSettings } from "./door";
import { startOutboundRelayWorker, type OutboundRelayWorker } from "./outbound-relay-worker";
import { startSmtpListener } from "./smtp-listener";

export type SmtpServiceOptions = {
  /** Listen on these instead of the env ports (tests use 0). */
  ports?: { smtp: number; submission: number; smtps: number };
  idleTimeoutMs?: number;
  /** How long shutdown waits for a message being received (DATA) before the 421. */
  closeTimeoutMs?: number;
  relayPolicy?: OutboundRetryPolicy;
  relayPollIntervalMs?: number;
  relayLeaseMs?: number;
  /** Test only: behave towards 127.0.0.1 as towards a remote client (no plaintext AUTH). */
  treatLoopbackAsRemote?: boolean;
};

export async function startSmtpServices(
  ctx: MailContext,
  options: SmtpServiceOptions = {},
): Promise<RunningService[]> {
  const { env } = ctx;
  const relay: OutboundRelayWorker | null = env.SMTP_RELAY_URL
    ? startOutboundRelayWorker({
        relayUrl: env.SMTP_RELAY_URL,
        hostname: env.MAIL_HOSTNAME,
        logger: ctx.logger.child({ proto: "smtp", component: "relay" }),
        policy: options.relayPolicy ?? DEFAULT_OUTBOUND_RETRY_POLICY,
        pollIntervalMs: options.relayPollIntervalMs ?? 30_000,
        leaseMs: options.relayLeaseMs ?? 15 * 60_000,
      })
    : null;
  const door = (mode: SmtpDoorSettings["mode"]): SmtpDoorSettings => ({
    mode,
    hostname: env.MAIL_HOSTNAME,
    maxMessageSize: env.MAX_MESSAGE_SIZE,
    relayConfigured: relay !== null,
    onQueued: () => relay?.kick(),
    treatLoopbackAsRemote: options.treatLoopbackAsRemote ?? false,
  });
  const common = {
    idleTimeoutMs: options.idleTimeoutMs ?? 5 * 60_000,
    closeTimeoutMs: options.closeTimeoutMs ?? 10_000,
  };
  const ports = options.ports ?? {
    smtp: env.SMTP_PORT,
    submission: env.SUBMISSION_PORT,
    smtps: env.SMTPS_PORT,
  };
  const started = await Promise.allSettled([
    startSmtpListener(ctx, {
      ...common,
      name: "smtp",
      port: ports.smtp,
      implicitTls: false,
      door: door("inbound"),
    }),
    startSmtpListener(ctx, {
      ...common,
      name: "submission",
      port: ports.submission,
      implicitTls: false,
      door: door("submission"),
    }),
    startSmtpListener(ctx, {
      ...common,
      name: "smtps",
      port: ports.smtps,
      implicitTls: true,
      door: door("submission"),
    }),
  ]);
  const services = started.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const failed = started.find((r) => r.status === "rejected");
  if (failed) {
    // One port is taken: release the others (and the worker) so a retry can bind them all.
    await Promise.all([relay?.stop(), ...services.map((s) => s.close())]);
    throw failed.reason;
  }
  if (!relay) return services;
  // The relay worker stops with the listeners, before the database goes away.
  const [first, ...rest] = services;
  return [
    { ...first, close: async () => Promise.all([relay.stop(), first.close()]).then(() => {}) },
    ...rest,
  ];
}

// POP3 (RFC 1939, CAPA RFC 2449, STLS RFC 2595, AUTH PLAIN RFC 5034) on the INBOX of each
// mailbox: POP3_PORT offers STLS, POP3S_PORT is TLS from the first byte.
import type { MailContext, RunningService } from "../service";
import { pop3Limits, type Pop3Options } from "./limits";
import { startPop3Listener } from "./listener";

export async function startPop3Services(
  ctx: MailContext,
  options: Pop3Options = {},
): Promise<RunningService[]> {
  const limits = pop3Limits(ctx.env, options);
  const common = { ctx, limits, peerAddress: options.peerAddress };
  const started = await Promise.allSettled([
    startPop3Listener({ ...common, name: "pop3", port: ctx.env.POP3_PORT, implicitTls: false }),
    startPop3Listener({ ...common, name: "pop3s", port: ctx.env.POP3S_PORT, implicitTls: true }),
  ]);
  const services = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const failed = started.find((s) => s.status === "rejected");
  if (failed) {
    // Do not leave half the POP3 service listening when the other half cannot start.
    await Promise.all(services.map((s) => s.close()));
    throw failed.reason;
  }
  return services;
}

import type { Env } from "@/lib/env";
import { startImapServices } from "./imap";
import type { MailLogger } from "./logging/mail-logger";
import { startPop3Services } from "./pop3";
import type { MailContext, RunningService } from "./service";
import { startSmtpServices } from "./smtp";
import { loadTlsCredentials } from "./tls/tls-credentials";

export type MailBackend = { services: RunningService[]; close(): Promise<void> };

export async function startMailBackend(options: {
  env: Env;
  logger: MailLogger;
}): Promise<MailBackend> {
  const tls = await loadTlsCredentials(options.env, options.logger);
  const ctx: MailContext = { ...options, tls };
  const onHangup = () => tls.reload();
  process.on("SIGHUP", onHangup);
  const groups = await Promise.all([
    startSmtpServices(ctx),
    startPop3Services(ctx),
    startImapServices(ctx),
  ]);
  const services = groups.flat();
  for (const s of services)
    ctx.logger.info(
      { event: "listening", listener: s.name, host: ctx.env.MAIL_BIND_HOST, port: s.port },
      `${s.name} listening on ${ctx.env.MAIL_BIND_HOST}:${s.port}`,
    );
  return {
    services,
    async close() {
      process.off("SIGHUP", onHangup);
      await Promise.all(services.map((s) => s.close()));
    },
  };
}

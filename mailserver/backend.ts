import net from "node:net";
import type { MailContext, RunningService } from "./service";

export type MailBackend = { services: RunningService[]; close(): Promise<void> };

// Until the protocol servers land, each listener answers with its protocol's
// "service not available" greeting and closes, so clients fail fast and honestly.
function unavailableListener(
  ctx: MailContext,
  name: string,
  port: number,
  greeting: string,
): Promise<RunningService> {
  return new Promise((resolve, reject) => {
    const server = net.createServer((socket) => {
      socket.on("error", () => socket.destroy());
      socket.end(greeting);
    });
    server.once("error", reject);
    server.listen(port, ctx.env.MAIL_BIND_HOST, () =>
      resolve({ name, port, close: () => new Promise((r) => server.close(() => r())) }),
    );
  });
}

export async function startMailBackend(ctx: MailContext): Promise<MailBackend> {
  const { env } = ctx;
  const smtp = "421 4.3.2 Service not available\r\n";
  const pop3 = "-ERR service not available\r\n";
  const imap = "* BYE service not available\r\n";
  const services = await Promise.all([
    unavailableListener(ctx, "smtp", env.SMTP_PORT, smtp),
    unavailableListener(ctx, "submission", env.SUBMISSION_PORT, smtp),
    unavailableListener(ctx, "smtps", env.SMTPS_PORT, smtp),
    unavailableListener(ctx, "pop3", env.POP3_PORT, pop3),
    unavailableListener(ctx, "pop3s", env.POP3S_PORT, pop3),
    unavailableListener(ctx, "imap", env.IMAP_PORT, imap),
    unavailableListener(ctx, "imaps", env.IMAPS_PORT, imap),
  ]);
  for (const s of services) ctx.log(`${s.name} listening on ${env.MAIL_BIND_HOST}:${s.port}`);
  return { services, close: async () => void (await Promise.all(services.map((s) => s.close()))) };
}

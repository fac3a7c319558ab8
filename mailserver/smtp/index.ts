import type { MailContext, RunningService } from "../service";
import { unavailableListener } from "../unavailable-listener";

export async function startSmtpServices(ctx: MailContext): Promise<RunningService[]> {
  const greeting = "421 4.3.2 Service not available\r\n";
  return Promise.all([
    unavailableListener(ctx, "smtp", ctx.env.SMTP_PORT, greeting),
    unavailableListener(ctx, "submission", ctx.env.SUBMISSION_PORT, greeting),
    unavailableListener(ctx, "smtps", ctx.env.SMTPS_PORT, greeting),
  ]);
}

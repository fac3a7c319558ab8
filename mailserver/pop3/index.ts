import type { MailContext, RunningService } from "../service";
import { unavailableListener } from "../unavailable-listener";

export async function startPop3Services(ctx: MailContext): Promise<RunningService[]> {
  const greeting = "-ERR service not available\r\n";
  return Promise.all([
    unavailableListener(ctx, "pop3", ctx.env.POP3_PORT, greeting),
    unavailableListener(ctx, "pop3s", ctx.env.POP3S_PORT, greeting),
  ]);
}

import type { MailContext, RunningService } from "../service";
import { unavailableListener } from "../unavailable-listener";

export async function startImapServices(ctx: MailContext): Promise<RunningService[]> {
  const greeting = "* BYE service not available\r\n";
  return Promise.all([
    unavailableListener(ctx, "imap", ctx.env.IMAP_PORT, greeting),
    unavailableListener(ctx, "imaps", ctx.env.IMAPS_PORT, greeting),
  ]);
}

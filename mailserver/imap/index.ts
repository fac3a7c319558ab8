import { startFolderChangeListener } from "@/lib/server/imap/folder-change-listener";
import type { MailContext, RunningService } from "../service";
import { ConnectionCounter, defaultLimits, type ImapLimits } from "./limits";
import { startImapListener } from "./server";
import type { ImapShared } from "./shared";

/** IMAP on IMAP_PORT (STARTTLS) and IMAPS_PORT (implicit TLS). */
export async function startImapServices(
  ctx: MailContext,
  overrides: Partial<ImapLimits> = {},
): Promise<RunningService[]> {
  const changes = await startFolderChangeListener(ctx.log);
  const shared: ImapShared = {
    ctx,
    limits: { ...defaultLimits(ctx.env.MAX_MESSAGE_SIZE), ...overrides },
    changes,
    perIp: new ConnectionCounter(),
    perUser: new ConnectionCounter(),
  };
  const services = await Promise.all([
    startImapListener(shared, { name: "imap", port: ctx.env.IMAP_PORT, implicitTls: false }),
    startImapListener(shared, { name: "imaps", port: ctx.env.IMAPS_PORT, implicitTls: true }),
  ]);
  // The shared listener goes away with the last service.
  let open = services.length;
  return services.map((s) => ({
    ...s,
    close: async () => {
      await s.close();
      if (--open === 0) await changes.close();
    },
  }));
}

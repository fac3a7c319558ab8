// The IMAP4rev1 server (RFC 3501 + IDLE, UIDPLUS, MOVE, SPECIAL-USE, CREATE-SPECIAL-USE, NAMESPACE,
// ID, ENABLE, UNSELECT, CHILDREN, LITERAL+, SASL-IR, CONDSTORE, QUOTA, APPENDLIMIT).
//   server.ts          listeners (plain + STARTTLS, implicit TLS), per-IP limit
//   session.ts         one connection: state machine, dispatch, untagged updates, live checks
//   command-reader.ts  streaming lines + {n}/{n+} literals, sizes judged before "+"
//   tokens.ts          token tree (atoms, strings, lists) and Args for each command's shape
//   response-writer.ts backpressured output, string/literal encoding
//   selected-folder.ts seq ↔ UID map and change tracking by modseq
//   commands/*.ts      one module per command: allowed states + handler
// Rules and storage live in lib/server/imap/ (and lib/server/mime/ for MIME); changes reach
// every process through PostgreSQL LISTEN/NOTIFY (lib/server/imap/folder-change-listener.ts).
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
  const changes = await startFolderChangeListener((message) =>
    ctx.logger.warn({ proto: "imap", event: "folder_change_listener" }, message),
  );
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

// The IMAP4rev1 server (RFC 3501 + the extensions listed in capabilities.ts).
//   server.ts            listeners (plain + STARTTLS, implicit TLS)
//   connection-limits.ts per-IP / per-mailbox limits across processes (lease rows)
//   session.ts           one connection: state machine, dispatch, untagged updates, live checks
//   command-reader.ts    streaming lines + {n}/{n+} literals, sizes judged before "+"
//   tokens.ts            token tree (atoms, strings, lists) and Args for each command's shape
//   mutf7.ts             modified UTF-7 mailbox names (stored as Unicode)
//   response-writer.ts   backpressured output, string/literal encoding
//   selected-folder.ts   seq ↔ UID map, \Recent, change tracking by modseq
//   commands/*.ts        one module per command: allowed states + handler
// Rules and storage live in lib/server/imap/ (and lib/server/mime/ for MIME); changes reach
// every process through PostgreSQL LISTEN/NOTIFY, or by polling where NOTIFY cannot reach
// (lib/server/imap/folder-change-listener.ts).
import {
  FolderChangeFeed,
  type FolderChangeFeedOptions,
} from "@/lib/server/imap/folder-change-feed";
import { startFolderChangeListener } from "@/lib/server/imap/folder-change-listener";
import { FolderSnapshotCache } from "@/lib/server/imap/folder-snapshot-cache";
import { LiveSessionChecks } from "@/lib/server/imap/live-session-checks";
import type { MailContext, RunningService } from "../service";
import { ConnectionLimits } from "./connection-limits";
import { defaultLimits, FOLDER_SNAPSHOT_CACHE_BYTES, type ImapLimits } from "./limits";
import { startImapListener } from "./server";
import type { ImapShared } from "./shared";

/** IMAP on IMAP_PORT (STARTTLS) and IMAPS_PORT (implicit TLS). */
export async function startImapServices(
  ctx: MailContext,
  overrides: Partial<ImapLimits> = {},
  /** Tests count the feed's reads through its options. */
  feedOptions: FolderChangeFeedOptions = {},
): Promise<RunningService[]> {
  const logAt =
    (level: "info" | "warn", event: string) =>
    (message: string): void =>
      ctx.logger[level]({ proto: "imap", event }, message);
  const changes = await startFolderChangeListener({
    log: logAt("warn", "folder_change_listener"),
    info: logAt("info", "folder_change_listener"),
  });
  const limits = { ...defaultLimits(ctx.env.MAX_MESSAGE_SIZE), ...overrides };
  const shared: ImapShared = {
    ctx,
    limits,
    changes,
    live: new LiveSessionChecks(changes),
    snapshots: new FolderSnapshotCache(FOLDER_SNAPSHOT_CACHE_BYTES),
    feed: new FolderChangeFeed(changes, feedOptions),
    connections: new ConnectionLimits(limits, logAt("warn", "connection_limits")),
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
      if (--open > 0) return;
      shared.live.close();
      await changes.close();
      await shared.connections.close();
    },
  }));
}

// State shared by every connection of one backend process.
import type { FolderChangeFeed } from "@/lib/server/imap/folder-change-feed";
import type { FolderChangeListener } from "@/lib/server/imap/folder-change-listener";
import type { FolderSnapshotCache } from "@/lib/server/imap/folder-snapshot-cache";
import type { LiveSessionChecks } from "@/lib/server/imap/live-session-checks";
import type { MailContext } from "../service";
import type { ConnectionLimits } from "./connection-limits";
import type { ImapLimits } from "./limits";

export type ImapShared = {
  ctx: MailContext;
  limits: ImapLimits;
  changes: FolderChangeListener;
  /** Per-command live checks answered from notifications while the listener is up. */
  live: LiveSessionChecks;
  /** SELECT snapshots per folder, reused while the folder's modseq is unchanged. */
  snapshots: FolderSnapshotCache;

  /** Change reads shared by the sessions that have the same folder selected. */
  feed: FolderChangeFeed;
  connections: ConnectionLimits;
};

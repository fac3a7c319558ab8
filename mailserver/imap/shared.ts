// State shared by every connection of one backend process.
import type { FolderChangeFeed } from "@/lib/server/imap/folder-change-feed";
import type { FolderChangeListener } from "@/lib/server/imap/folder-change-listener";
import type { MailContext } from "../service";
import type { ConnectionLimits } from "./connection-limits";
import type { ImapLimits } from "./limits";

export type ImapShared = {
  ctx: MailContext;
  limits: ImapLimits;
  changes: FolderChangeListener;
  /** Change reads shared by the sessions that have the same folder selected. */
  feed: FolderChangeFeed;
  connections: ConnectionLimits;
};

// State shared by every connection of one backend process.
import type { FolderChangeListener } from "@/lib/server/imap/folder-change-listener";
import type { MailContext } from "../service";
import type { ConnectionLimits } from "./connection-limits";
import type { ImapLimits } from "./limits";

export type ImapShared = {
  ctx: MailContext;
  limits: ImapLimits;
  changes: FolderChangeListener;
  connections: ConnectionLimits;
};

// State shared by every connection of one backend process.
import type { FolderChangeListener } from "@/lib/server/imap/folder-change-listener";
import type { MailContext } from "../service";
import { ConnectionCounter, type ImapLimits } from "./limits";

export type ImapShared = {
  ctx: MailContext;
  limits: ImapLimits;
  changes: FolderChangeListener;
  perIp: ConnectionCounter;
  perUser: ConnectionCounter;
};

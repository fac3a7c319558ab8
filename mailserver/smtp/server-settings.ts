import type { MailContext } from "../service";
import type { SmtpDoorSettings } from "./door";
import type { SmtpSession } from "./session";

/** What every session of one SMTP listener shares. */
export type SmtpServerSettings = {
  ctx: MailContext;
  door: SmtpDoorSettings;
  idleTimeoutMs: number;
  maxLineLength: number;
  /** The 220 banner, as written. */
  greeting: string;
  /** The listener's open sessions (client limit, shutdown). */
  sessions: Set<SmtpSession>;
  /** Shutdown began: commands are answered 421. */
  shuttingDown: boolean;
};

import type { SmtpSession } from "./session";

/**
 * Where a session is (RFC 5321 §4.1.4): before HELO/EHLO; greeted (no mail transaction);
 * after MAIL FROM; after at least one accepted RCPT TO.
 */
export type SmtpState = "connected" | "greeted" | "mail" | "rcpt";

export const ANY_STATE: readonly SmtpState[] = ["connected", "greeted", "mail", "rcpt"];

/** One SMTP command: its name, where it is allowed, and what it does. */
export type SmtpCommand = {
  name: string;
  states: readonly SmtpState[];
  /** The 503 text when the session is greeted but in another state. */
  wrongState?: string;
  /** Submission: only after AUTH (530 before). */
  needsAuth?: true;
  /** Runs the command; returns a promise only when it has to wait (database, TLS). */
  run(session: SmtpSession, args: string): void | Promise<void>;
};

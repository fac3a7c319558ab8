// Answers to a refused login, with RFC 2449/3206 response codes so clients can tell a wrong
// password ([AUTH]) from a temporary outage ([SYS/TEMP]) or a permanent refusal ([SYS/PERM]).
// Status is only named after a right password (the login decision checks it first).
import type { LoginFailureReason } from "@/lib/server/auth/authenticate-mailbox";
import type { SessionState } from "./maildrop-session";

export const PLAINTEXT_REFUSED =
  "[AUTH] Plaintext authentication disallowed on non-secure connections: use STLS first (or port 995).";

export function loginFailureResponse(reason: LoginFailureReason): string {
  switch (reason) {
    case "plaintext_without_tls":
      return PLAINTEXT_REFUSED;
    case "temporary_failure":
      return "[SYS/TEMP] Temporary server failure, try again later.";
    case "suspended":
      return "[SYS/PERM] This mailbox is suspended. Please contact support.";
    case "domain_disabled":
      return "[SYS/PERM] Mail for this domain is turned off. Please contact support.";
    case "protocol_disabled":
      return "[SYS/PERM] POP3 access is turned off for this mailbox. Turn it on in the portal or use IMAP.";
    case "wrong_password":
    case "unknown_user":
    case "throttled":
      return "[AUTH] Authentication failed.";
  }
}

/** The last line of a session the per-command check ended (the connection closes after it). */
export function sessionEndedResponse(state: Exclude<SessionState, "valid">): string {
  const nothingDeleted = "Nothing was deleted.";
  switch (state) {
    case "lock-lost":
      return `[SYS/TEMP] The maildrop lock was lost. ${nothingDeleted} Please log in again.`;
    case "session_revoked":
      return `[AUTH] Session ended: the password or access of this mailbox changed. ${nothingDeleted}`;
    case "suspended":
      return `[AUTH] Session ended: this mailbox is suspended. ${nothingDeleted} Please contact support.`;
    case "protocol_disabled":
      return `[AUTH] Session ended: POP3 access is turned off for this mailbox. ${nothingDeleted}`;
    case "domain_disabled":
      return `[AUTH] Session ended: mail for this domain is turned off. ${nothingDeleted}`;
    case "mailbox_gone":
      return `[AUTH] Session ended: this mailbox no longer exists.`;
  }
}

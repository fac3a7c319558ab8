// Answers to a refused login, with RFC 2449/3206 response codes so clients can tell a wrong
// password ([AUTH]) from a temporary outage ([SYS/TEMP]) or a permanent refusal ([SYS/PERM]).
// Status is only named after a right password (the login decision checks it first).
import type { LoginFailureReason } from "@/lib/server/auth/authenticate-mailbox";

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

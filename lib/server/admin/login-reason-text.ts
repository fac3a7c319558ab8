// LoginAttempt reasons in the words support staff use on the phone.
const TEXT: Record<string, string> = {
  wrong_password: "Wrong password",
  unknown_user: "No mailbox with this address",
  suspended: "Mailbox is suspended",
  domain_disabled: "The mailbox's domain is disabled",
  protocol_disabled: "This protocol is switched off for the mailbox",
  plaintext_without_tls:
    "Plain-text login refused on a connection without encryption (use the SSL/TLS or STARTTLS port)",
  throttled: "Too many failed attempts: temporarily blocked, try again in 15 minutes",
  temporary_failure: "Server problem (database unavailable); the client should retry",
  temporary_password: "Signed in with a temporary password from support",
  mfa_required: "Authentication code missing",
  mfa_failed: "Wrong authentication code",
  mfa_replayed: "Authentication code already used",
  disabled: "Staff account disabled",
  backup_code: "Signed in with a backup code",
  mfa_enrolment_pending: "Signed in; authenticator not set up yet",
};

export function loginReasonText(success: boolean, reason: string | null): string {
  if (reason && TEXT[reason]) return TEXT[reason];
  if (success) return "Signed in";
  return reason ? `Failed (${reason})` : "Failed";
}

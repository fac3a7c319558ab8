// Plain words for the connection settings, shared by every page that shows them.
import type { TransportSecurity } from "@/lib/generated/prisma/enums";

export const SECURITY_NAME: Record<TransportSecurity, string> = {
  IMPLICIT_TLS: "SSL/TLS",
  STARTTLS: "STARTTLS",
};

export const SECURITY_EXPLANATION: Record<TransportSecurity, string> = {
  IMPLICIT_TLS:
    "Encrypted from the very first moment. Some programs call this “SSL”, “SSL/TLS” or “TLS”.",
  STARTTLS:
    "Starts unencrypted and switches on encryption before your password is sent. Use it only if your program cannot use SSL/TLS.",
};

export const PROTOCOL_NAME = { IMAP: "IMAP", POP3: "POP3" } as const;

// What one SMTP listener is and how it behaves, shared by its sessions.
import { isLoopback } from "@/lib/server/auth/login-policy";

export type SmtpMode = "inbound" | "submission";

export type SmtpDoorSettings = {
  mode: SmtpMode;
  hostname: string;
  maxMessageSize: number;
  /** SMTP_RELAY_URL is set: submission may accept remote recipients. */
  relayConfigured: boolean;
  /** A message for remote recipients was queued. */
  onQueued: () => void;
  /** Test only: treat 127.0.0.1 like a remote client (no plaintext AUTH exception). */
  treatLoopbackAsRemote: boolean;
};

/** Plaintext AUTH is only for loopback clients; everybody else has to STARTTLS first. */
export function mayAuthenticate(
  door: SmtpDoorSettings,
  session: { secure: boolean; remoteAddress: string },
): boolean {
  return (
    door.mode === "submission" &&
    (session.secure || (isLoopback(session.remoteAddress) && !door.treatLoopbackAsRemote))
  );
}

// What one SMTP listener is and how it behaves, shared by its handlers.
import type { SMTPServerSession } from "smtp-server";
import { isLoopback } from "@/lib/server/auth/login-policy";
import type { MailLogger } from "../logging/mail-logger";
import type { InFlightMessages } from "./in-flight-messages";

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

export type SmtpDoor = SmtpDoorSettings & {
  /** The connection's own logger ({cid, proto, remoteAddress}); session.id is the cid. */
  logFor(session: Pick<SMTPServerSession, "id">): MailLogger;
  inFlight: InFlightMessages;
};

/** Plaintext AUTH is only for loopback clients; everybody else has to STARTTLS first. */
export function mayAuthenticate(door: SmtpDoorSettings, session: SMTPServerSession): boolean {
  return (
    door.mode === "submission" &&
    (session.secure || (isLoopback(session.remoteAddress) && !door.treatLoopbackAsRemote))
  );
}

// The web door's credential check: nothing but the shared login decision. Every failure
// (wrong password, unknown address, suspended, throttled) is the same null to next-auth, so
// the page shows one message with one status; only a database outage is told apart.
import { authenticateMailbox } from "@/lib/server/auth/authenticate-mailbox";
import type { SessionClaims } from "./session-claims";

/** Longest input taken in: passwords are at most 256 characters, addresses 320. */
const MAX_PASSWORD_INPUT = 1024;
const MAX_ADDRESS_INPUT = 320;

export const SIGN_IN_UNAVAILABLE = "Unavailable";

export async function signInWithCredentials(options: {
  address: unknown;
  password: unknown;
  ip: string | null;
  now?: number;
}): Promise<SessionClaims | null> {
  const address = typeof options.address === "string" ? options.address : "";
  const password = typeof options.password === "string" ? options.password : "";
  const decision = await authenticateMailbox({
    door: "WEB",
    address: address.slice(0, MAX_ADDRESS_INPUT),
    password: password.slice(0, MAX_PASSWORD_INPUT),
    ip: options.ip,
    secure: true,
    allowTemporaryPassword: true,
  });
  if (!decision.ok) {
    if (decision.temporary) throw new Error(SIGN_IN_UNAVAILABLE);
    return null;
  }
  return {
    mailboxId: decision.mailbox.id,
    sessionVersion: decision.mailbox.sessionVersion,
    signedInAt: options.now ?? Math.floor(Date.now() / 1000),
    usingTemporaryPassword: decision.mailbox.usingTemporaryPassword,
  };
}

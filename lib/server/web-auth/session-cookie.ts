// The portal session cookie from server components, server actions and route handlers: the
// per-request check, the re-issue after the customer's own password change, and sign out.
import { cookies } from "next/headers";
import type { SessionClaims } from "./session-claims";
import { SESSION_IDLE_SECONDS, sessionCookieName, sessionCookieOptions } from "./session-policy";
import { decodeSessionToken, encodeSessionToken } from "./session-token";

export async function readSessionClaims(): Promise<SessionClaims | null> {
  return decodeSessionToken((await cookies()).get(sessionCookieName())?.value);
}

/** Server actions and route handlers only (server components cannot set cookies). */
export async function writeSessionCookie(claims: SessionClaims): Promise<void> {
  (await cookies()).set(sessionCookieName(), await encodeSessionToken(claims), {
    ...sessionCookieOptions(),
    maxAge: SESSION_IDLE_SECONDS,
  });
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).set(sessionCookieName(), "", { ...sessionCookieOptions(), maxAge: 0 });
}

// The session token itself (next-auth's encrypted JWT format), free of request APIs so the
// proxy, route handlers and tests can all use it.
import { decode, encode } from "next-auth/jwt";
import { parseSessionClaims, type SessionClaims } from "./session-claims";
import { authSecret, SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS } from "./session-policy";

export async function encodeSessionToken(claims: SessionClaims): Promise<string> {
  return encode({
    token: { ...claims, sub: String(claims.mailboxId) },
    secret: authSecret(),
    maxAge: SESSION_IDLE_SECONDS,
  });
}

/** Claims of a token whose encryption and (idle) expiry are valid, else null. */
export async function decodeSessionToken(token: string | undefined): Promise<SessionClaims | null> {
  if (!token) return null;
  try {
    return parseSessionClaims(await decode({ token, secret: authSecret() }));
  } catch {
    return null;
  }
}

/** A fresh token with a new idle expiry, unless the session is past its absolute lifetime. */
export async function slideSessionToken(
  token: string | undefined,
  now = Math.floor(Date.now() / 1000),
): Promise<string | null> {
  const claims = await decodeSessionToken(token);
  if (!claims || now - claims.signedInAt >= SESSION_ABSOLUTE_SECONDS) return null;
  return encodeSessionToken(claims);
}

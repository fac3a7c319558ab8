// The staff session travels in a cookie as `<payload>.<HMAC-SHA256(payload, AUTH_SECRET)>`.
// The token alone is never trusted: every request re-reads the StaffUser (disabled,
// sessionVersion) before anything happens.
import { createHmac, timingSafeEqual } from "node:crypto";

export const STAFF_COOKIE = "octeportal_staff";
/** Absolute lifetime of a staff session. */
export const STAFF_SESSION_MAX_MS = 8 * 60 * 60 * 1000;
/** A session unused for this long is over. */
export const STAFF_SESSION_IDLE_MS = 30 * 60 * 1000;

export type StaffSessionClaims = {
  /** StaffUser.id */
  sid: number;
  /** StaffUser.sessionVersion when the session started */
  sv: number;
  /** Password and (when enrolled) the second factor have been checked. */
  mfa: boolean;
  /** Started at (ms since epoch): the 8-hour limit counts from here. */
  iat: number;
  /** Last activity (ms): the idle limit counts from here. */
  seen: number;
};

function mac(secret: string, payload: string): Buffer {
  return createHmac("sha256", secret).update(payload).digest();
}

export function signStaffSession(claims: StaffSessionClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${payload}.${mac(secret, payload).toString("base64url")}`;
}

/** The claims when the signature holds and neither limit has passed; otherwise null. */
export function verifyStaffSession(
  token: string | undefined | null,
  secret: string,
  now = Date.now(),
): StaffSessionClaims | null {
  if (!token || token.length > 1024) return null;
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const given = Buffer.from(signature, "base64url");
  const expected = mac(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims: StaffSessionClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (
    typeof claims?.sid !== "number" ||
    typeof claims.sv !== "number" ||
    typeof claims.mfa !== "boolean" ||
    typeof claims.iat !== "number" ||
    typeof claims.seen !== "number"
  )
    return null;
  if (now - claims.iat > STAFF_SESSION_MAX_MS || now - claims.seen > STAFF_SESSION_IDLE_MS)
    return null;
  if (claims.iat > now + 60_000) return null;
  return claims;
}

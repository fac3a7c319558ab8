// How long a portal session lives and what its cookie looks like. Read by the next-auth
// options, the proxy (sliding idle expiry) and the per-request session check.
import { loadEnv } from "@/lib/env";

/** Idle timeout: a session unused this long is dead (the cookie's expiry slides on use). */
export const SESSION_IDLE_SECONDS = 60 * 60;
/** Absolute timeout: signed in this long ago means sign in again, however active. */
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;

/** Cookies are Secure (and carry the __Host- prefix) when the portal's public URL is https. */
export function usesSecureCookies(): boolean {
  return loadEnv().APP_URL.startsWith("https://");
}

export function sessionCookieName(): string {
  // __Host-: Secure, Path=/, no Domain, so no sibling host can set or shadow it.
  return usesSecureCookies() ? "__Host-octeportal.session" : "octeportal.session";
}

export function sessionCookieOptions() {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    path: "/",
    secure: usesSecureCookies(),
  };
}

/** The public origin (scheme://host[:port]) every mutation's Origin header must equal. */
export function appOrigin(): string {
  return new URL(loadEnv().APP_URL).origin;
}

/** next-auth builds its URLs from NEXTAUTH_URL; it must come from APP_URL, never the Host header. */
export function pinNextAuthUrl(): void {
  process.env.NEXTAUTH_URL = `${loadEnv().APP_URL}/api/auth`;
  delete process.env.AUTH_TRUST_HOST;
}

export function authSecret(): string {
  const secret = loadEnv().AUTH_SECRET;
  if (!secret)
    throw new Error("AUTH_SECRET is not set (npm start provides one; npm run web needs it)");
  return secret;
}

// Runs before every page: a fresh CSP nonce per response (Next.js applies it to its own
// scripts), HSTS over https, and the session cookie's sliding idle expiry on page views.
import { NextResponse, type NextRequest } from "next/server";
import {
  contentSecurityPolicy,
  newNonce,
  STRICT_TRANSPORT_SECURITY,
} from "@/lib/server/http/content-security-policy";
import {
  SESSION_IDLE_SECONDS,
  sessionCookieName,
  sessionCookieOptions,
  usesSecureCookies,
} from "@/lib/server/web-auth/session-policy";
import { slideSessionToken } from "@/lib/server/web-auth/session-token";

export async function proxy(request: NextRequest) {
  const https = usesSecureCookies();
  const nonce = newNonce();
  const csp = contentSecurityPolicy({
    nonce,
    https,
    development: process.env.NODE_ENV === "development",
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  if (https) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);

  // Only on reads: a server action (POST) may be replacing the cookie itself.
  const name = sessionCookieName();
  const current = request.cookies.get(name)?.value;
  if (request.method === "GET" && current) {
    const slid = await slideSessionToken(current);
    if (slid)
      response.cookies.set(name, slid, { ...sessionCookieOptions(), maxAge: SESSION_IDLE_SECONDS });
  }
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};

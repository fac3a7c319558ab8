// next-auth configuration: credentials provider over the shared login decision, JWT
// sessions carrying only the session claims, our cookie names and flags.
import type { AuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { clientIp } from "./client-ip";
import { endWebSessions } from "./end-web-sessions";
import { parseSessionClaims } from "./session-claims";
import {
  authSecret,
  SESSION_IDLE_SECONDS,
  sessionCookieName,
  sessionCookieOptions,
  usesSecureCookies,
} from "./session-policy";
import { signInWithCredentials } from "./sign-in-credentials";

type HeaderRecord = Record<string, string | string[] | undefined> | undefined;

const headerGetter = (headers: HeaderRecord) => ({
  get(name: string) {
    const value = headers?.[name];
    return Array.isArray(value) ? value.join(",") : (value ?? null);
  },
});

export function authOptions(): AuthOptions {
  return {
    secret: authSecret(),
    useSecureCookies: usesSecureCookies(),
    session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS },
    jwt: { maxAge: SESSION_IDLE_SECONDS },
    cookies: {
      sessionToken: { name: sessionCookieName(), options: sessionCookieOptions() },
    },
    pages: { signIn: "/login", error: "/login", signOut: "/login" },
    providers: [
      Credentials({
        name: "Mailbox",
        credentials: {
          email: { label: "Email address", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, req) {
          const claims = await signInWithCredentials({
            address: credentials?.email,
            password: credentials?.password,
            ip: clientIp(headerGetter(req.headers as HeaderRecord)),
          });
          return claims ? { id: String(claims.mailboxId), ...claims } : null;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        // On sign-in `user` is what authorize returned; afterwards the token stays as it is.
        if (user) {
          const claims = parseSessionClaims(user);
          return claims ? { sub: String(claims.mailboxId), ...claims } : token;
        }
        return token;
      },
      async session({ session }) {
        // Nothing about the mailbox leaves the server through /api/auth/session.
        return { expires: session.expires };
      },
    },
    events: {
      async signOut({ token }) {
        // If next-auth's own sign-out route is used, the session still really ends.
        const claims = parseSessionClaims(token);
        if (claims) await endWebSessions({ mailboxId: claims.mailboxId });
      },
    },
  };
}

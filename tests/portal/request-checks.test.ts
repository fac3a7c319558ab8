// Pure request checks: Origin (CSRF), client IP for throttling, the CSP.
import { afterEach, describe, expect, it, vi } from "vitest";
import { contentSecurityPolicy } from "@/lib/server/http/content-security-policy";
import { clientIp } from "@/lib/server/web-auth/client-ip";

const headers = (entries: Record<string, string>) => new Headers(entries);

describe("client IP", () => {
  it("takes the last X-Forwarded-For entry (the one our nearest hop added)", () => {
    expect(clientIp(headers({ "x-forwarded-for": "198.51.100.1, 203.0.113.9" }))).toBe(
      "203.0.113.9",
    );
    expect(clientIp(headers({ "x-forwarded-for": "::ffff:127.0.0.1" }))).toBe("::ffff:127.0.0.1");
    expect(clientIp(headers({ "x-forwarded-for": "2001:db8::1" }))).toBe("2001:db8::1");
  });
  it("ignores garbage", () => {
    expect(clientIp(headers({}))).toBeNull();
    expect(clientIp(headers({ "x-forwarded-for": "1.2.3.4, not-an-ip" }))).toBeNull();
    expect(clientIp(headers({ "x-forwarded-for": "x".repeat(500) }))).toBeNull();
  });
});

describe("same-origin check", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });
  it("accepts only APP_URL's origin", async () => {
    vi.stubEnv("APP_URL", "https://portal.example.net/");
    vi.resetModules();
    const { isSameOrigin } = await import("@/lib/server/web-auth/check-origin");
    expect(isSameOrigin(headers({ origin: "https://portal.example.net" }))).toBe(true);
    expect(isSameOrigin(headers({ origin: "http://portal.example.net" }))).toBe(false);
    expect(isSameOrigin(headers({ origin: "https://evil.example" }))).toBe(false);
    expect(isSameOrigin(headers({ origin: "null" }))).toBe(false);
    expect(isSameOrigin(headers({}))).toBe(false);
  });
  it("makes cookies Secure with the __Host- prefix only over https", async () => {
    vi.stubEnv("APP_URL", "https://portal.example.net");
    vi.resetModules();
    let policy = await import("@/lib/server/web-auth/session-policy");
    expect(policy.sessionCookieName()).toBe("__Host-octeportal.session");
    expect(policy.sessionCookieOptions()).toMatchObject({
      secure: true,
      httpOnly: true,
      sameSite: "lax",
      path: "/",
    });
    vi.stubEnv("APP_URL", "http://127.0.0.1:3000");
    vi.resetModules();
    policy = await import("@/lib/server/web-auth/session-policy");
    expect(policy.sessionCookieName()).toBe("octeportal.session");
    expect(policy.sessionCookieOptions().secure).toBe(false);
    policy.pinNextAuthUrl();
    expect(process.env.NEXTAUTH_URL).toBe("http://127.0.0.1:3000/api/auth");
  });
});

describe("content security policy", () => {
  it("allows scripts only from self or with the nonce, frames nothing", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123", https: true });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("upgrade-insecure-requests");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy({ nonce: "n", https: false })).not.toContain(
      "upgrade-insecure-requests",
    );
  });
});

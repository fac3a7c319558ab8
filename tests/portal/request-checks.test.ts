// Pure request checks: Origin (CSRF), client IP for throttling, the CSP.
import { afterEach, describe, expect, it, vi } from "vitest";
import { contentSecurityPolicy } from "@/lib/server/http/content-security-policy";
import { clientIp } from "@/lib/server/web-auth/client-ip";

const headers = (entries: Record<string, string>) => new Headers(entries);

describe("client IP", () => {
  const xff = (value: string) => headers({ "x-forwarded-for": value });
  it("with no trusted proxy ignores X-Forwarded-For (the client can write it)", () => {
    expect(clientIp(xff("203.0.113.9"), 0)).toBeNull();
    expect(clientIp(headers({}), 0)).toBeNull();
  });
  it("with one proxy takes the entry it appended, not what the client sent before it", () => {
    expect(clientIp(xff("198.51.100.1, 203.0.113.9"), 1)).toBe("203.0.113.9");
    expect(clientIp(xff("::ffff:127.0.0.1"), 1)).toBe("::ffff:127.0.0.1");
    expect(clientIp(xff("2001:db8::1"), 1)).toBe("2001:db8::1");
    expect(clientIp(xff("[2001:db8::1]:443"), 1)).toBe("2001:db8::1");
    expect(clientIp(xff("192.0.2.1:8080"), 1)).toBe("192.0.2.1");
  });
  it("with N proxies counts N entries from the right", () => {
    // client-forged, real client (added by the outer proxy), outer proxy (added by the inner one)
    expect(clientIp(xff("10.9.9.9, 198.51.100.7, 192.0.2.10"), 2)).toBe("198.51.100.7");
    expect(clientIp(xff("198.51.100.7, 192.0.2.10"), 2)).toBe("198.51.100.7");
    // fewer entries than proxies: the request bypassed one of them
    expect(clientIp(xff("198.51.100.7"), 2)).toBeNull();
  });
  it("ignores garbage", () => {
    expect(clientIp(headers({}), 1)).toBeNull();
    expect(clientIp(xff("1.2.3.4, not-an-ip"), 1)).toBeNull();
    expect(clientIp(xff("x".repeat(500)), 1)).toBeNull();
    expect(clientIp(xff(`${"1.2.3.4, ".repeat(400)}5.6.7.8`), 1)).toBeNull();
    expect(clientIp(xff("[1.2.3.4]"), 1)).toBeNull();
  });
  it("reads TRUST_PROXY_HOPS when not told", async () => {
    vi.stubEnv("TRUST_PROXY_HOPS", "1");
    vi.resetModules();
    const fresh = await import("@/lib/server/web-auth/client-ip");
    expect(fresh.clientIp(xff("198.51.100.1, 203.0.113.9"))).toBe("203.0.113.9");
    vi.unstubAllEnvs();
    vi.resetModules();
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

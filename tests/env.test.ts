import { describe, expect, it } from "vitest";
import { parseByteSize, parseEnv } from "@/lib/env";

describe("environment", () => {
  it("has working defaults", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      SMTP_PORT: 2525,
      SUBMISSION_PORT: 2587,
      SMTPS_PORT: 2465,
      IMAP_PORT: 2143,
      IMAPS_PORT: 2993,
      POP3_PORT: 2110,
      POP3S_PORT: 2995,
      MAIL_HOSTNAME: "localhost",
      MAIL_MIN_TLS: "TLSv1.2",
      STAFF_MFA_REQUIRED: true,
      APP_URL: "http://localhost:3000",
    });
    expect(env.MAX_MESSAGE_SIZE).toBe(25 * 1024 * 1024);
  });

  it("names the variable that is wrong", () => {
    expect(() => parseEnv({ SMTP_PORT: "abc" })).toThrow(/SMTP_PORT/);
    expect(() => parseEnv({ IMAP_PORT: "70000" })).toThrow(/IMAP_PORT/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ APP_URL: "not a url" })).toThrow(/APP_URL/);
    expect(() => parseEnv({ MAIL_MIN_TLS: "SSLv3" })).toThrow(/MAIL_MIN_TLS/);
    expect(() => parseEnv({ STAFF_MFA_REQUIRED: "maybe" })).toThrow(/STAFF_MFA_REQUIRED/);
    expect(() => parseEnv({ MAX_MESSAGE_SIZE: "huge" })).toThrow(/MAX_MESSAGE_SIZE/);
  });

  it("parses sizes", () => {
    expect(parseByteSize("2GB")).toBe(2 * 1024 ** 3);
    expect(parseByteSize("1.5 kb")).toBe(1536);
    expect(parseByteSize("12")).toBe(12);
    expect(parseByteSize("-1MB")).toBeNull();
  });
});

// The operations variables: defaults, and a wrong value named at start-up.
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

describe("operations environment", () => {
  it("defaults: no PROXY protocol, loopback trusted, no reverse proxy trusted, info logs", () => {
    expect(parseEnv({})).toMatchObject({
      MAIL_PROXY_PROTOCOL: false,
      MAIL_PROXY_TRUSTED: ["127.0.0.0/8", "::1"],
      TRUST_PROXY_HOPS: 0,
      LOG_LEVEL: "info",
    });
  });

  it("reads lists of addresses and CIDRs", () => {
    const env = parseEnv({
      MAIL_PROXY_PROTOCOL: "true",
      MAIL_PROXY_TRUSTED: " 10.0.0.0/8, 192.0.2.7 ,2001:db8::/32,",
      TRUST_PROXY_HOPS: "2",
      LOG_LEVEL: "debug",
    });
    expect(env.MAIL_PROXY_PROTOCOL).toBe(true);
    expect(env.MAIL_PROXY_TRUSTED).toEqual(["10.0.0.0/8", "192.0.2.7", "2001:db8::/32"]);
    expect(env.TRUST_PROXY_HOPS).toBe(2);
  });

  it("names the variable that is wrong", () => {
    for (const bad of ["10.0.0.0/33", "lb.example", "10.0.0.1/8/1", "::1/129", "10.0.0.0/x"])
      expect(() => parseEnv({ MAIL_PROXY_TRUSTED: bad }), bad).toThrow(/MAIL_PROXY_TRUSTED/);
    expect(() => parseEnv({ MAIL_PROXY_PROTOCOL: "perhaps" })).toThrow(/MAIL_PROXY_PROTOCOL/);
    expect(() => parseEnv({ TRUST_PROXY_HOPS: "-1" })).toThrow(/TRUST_PROXY_HOPS/);
    expect(() => parseEnv({ TRUST_PROXY_HOPS: "one" })).toThrow(/TRUST_PROXY_HOPS/);
    expect(() => parseEnv({ LOG_LEVEL: "verbose" })).toThrow(/LOG_LEVEL/);
  });
});

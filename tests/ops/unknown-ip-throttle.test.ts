// Web sign-ins without a trusted client IP (TRUST_PROXY_HOPS=0) must not share one "unknown IP"
// bucket: ten failures by a stranger would otherwise lock the owner out of the portal.
import { describe, expect, it } from "vitest";
import { authenticateMailbox } from "@/lib/server/auth/authenticate-mailbox";
import { MAX_FAILURES_PER_ADDRESS_AND_IP } from "@/lib/server/auth/login-policy";
import { seedMailbox } from "./support/mail-stack";

const ADDRESS = "owner@ops.test";
const PASSWORD = "Copper-Meadow-Signal-4417";
const noSleep = () => Promise.resolve();
const attempt = (password: string, ip: string | null) =>
  authenticateMailbox({
    door: "WEB",
    address: ADDRESS,
    password,
    ip,
    secure: true,
    sleep: noSleep,
  });

describe("login throttling without a client IP", () => {
  it("keeps the per-address-and-IP limit for known IPs only", async () => {
    await seedMailbox(ADDRESS, PASSWORD);
    for (let i = 0; i <= MAX_FAILURES_PER_ADDRESS_AND_IP; i++)
      expect(await attempt("not the password", null)).toMatchObject({ reason: "wrong_password" });
    expect(await attempt(PASSWORD, null)).toMatchObject({ ok: true });

    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS_AND_IP; i++)
      await attempt("not the password", "198.51.100.4");
    expect(await attempt(PASSWORD, "198.51.100.4")).toMatchObject({
      ok: false,
      reason: "throttled",
    });
    expect(await attempt(PASSWORD, "198.51.100.5")).toMatchObject({ ok: true });
  });
});

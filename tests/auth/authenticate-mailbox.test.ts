import { beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "@/lib/env";
import { MAX_FAILURES_PER_ADDRESS } from "@/lib/server/auth/login-policy";
import { authenticateMailbox } from "@/lib/server/auth/authenticate-mailbox";
import { db } from "@/lib/server/db/client";
import { addDomain } from "@/lib/server/domain/add-domain";
import { addMailbox } from "@/lib/server/mailbox/add-mailbox";
import { setMailboxSuspended } from "@/lib/server/mailbox/set-mailbox-suspended";

const actor = { type: "system" as const };
const sleeps: number[] = [];
const sleep = async (ms: number) => void sleeps.push(ms);
const login = (
  address: string,
  password: string,
  extra: Partial<Parameters<typeof authenticateMailbox>[0]> = {},
) =>
  authenticateMailbox({
    door: "IMAP",
    address,
    password,
    ip: "192.0.2.10",
    secure: true,
    sleep,
    ...extra,
  });

describe("the login decision", () => {
  let mailboxId: number;
  beforeAll(async () => {
    await addDomain({ name: "auth.test", actor });
    mailboxId = (
      await addMailbox({ address: "carol@auth.test", password: "Case Sensitive Pw", actor })
    ).id;
  });

  it("normalises the address and keeps the password case sensitive", async () => {
    expect(await login("  CAROL@Auth.Test ", "Case Sensitive Pw")).toMatchObject({
      ok: true,
      mailbox: { address: "carol@auth.test" },
    });
    expect(await login("carol@auth.test", "case sensitive pw")).toEqual({
      ok: false,
      reason: "wrong_password",
      temporary: false,
    });
  });

  it("refuses plain text off loopback, allows it on loopback", async () => {
    expect(await login("carol@auth.test", "Case Sensitive Pw", { secure: false })).toMatchObject({
      ok: false,
      reason: "plaintext_without_tls",
    });
    expect(
      await login("carol@auth.test", "Case Sensitive Pw", {
        secure: false,
        ip: "::ffff:127.0.0.1",
      }),
    ).toMatchObject({ ok: true });
  });

  it("reports suspension and disabled protocols only to someone with the password", async () => {
    await setMailboxSuspended({ mailboxId, suspended: true, actor });
    expect(await login("carol@auth.test", "Case Sensitive Pw", { ip: "192.0.2.11" })).toMatchObject(
      { ok: false, reason: "suspended" },
    );
    expect(await login("carol@auth.test", "nope nope nope", { ip: "192.0.2.11" })).toMatchObject({
      ok: false,
      reason: "wrong_password",
    });
    await setMailboxSuspended({ mailboxId, suspended: false, actor });
    await db().mailbox.update({ where: { id: mailboxId }, data: { pop3Enabled: false } });
    expect(
      await login("carol@auth.test", "Case Sensitive Pw", { door: "POP3", ip: "192.0.2.11" }),
    ).toMatchObject({ ok: false, reason: "protocol_disabled" });
    expect(
      await login("carol@auth.test", "Case Sensitive Pw", { door: "WEB", ip: "192.0.2.11" }),
    ).toMatchObject({ ok: true });
  });

  it("delays failures with doubling delays and throttles per address and IP, unknown addresses too", async () => {
    sleeps.length = 0;
    for (let i = 0; i < 12; i++)
      await login("ghost@auth.test", `guess number ${i}`, { ip: "198.51.100.1" });
    const { AUTH_FAILURE_DELAY_MS: base, AUTH_FAILURE_DELAY_MAX_MS: max } = loadEnv();
    expect(base).toBeGreaterThan(0);
    expect(sleeps.slice(0, 5)).toEqual([1, 2, 4, 8, 16].map((f) => Math.min(base * f, max)));
    const attempts = await db().loginAttempt.findMany({
      where: { address: "ghost@auth.test" },
      orderBy: { id: "asc" },
    });
    expect(attempts.map((a) => a.reason)).toEqual([
      ...Array(10).fill("unknown_user"),
      "throttled",
      "throttled",
    ]);
    expect(attempts.every((a) => a.door === "IMAP" && !a.success)).toBe(true);
  });

  it("lets the owner in from another IP while the attacker's IP is throttled for that address", async () => {
    await addMailbox({ address: "dave@auth.test", password: "Owner Knows This", actor });
    for (let i = 0; i < 11; i++)
      await login("dave@auth.test", `attacker guess ${i}`, { ip: "203.0.113.66" });
    expect(await login("dave@auth.test", "Owner Knows This", { ip: "203.0.113.66" })).toMatchObject(
      { ok: false, reason: "throttled" },
    );
    expect(await login("dave@auth.test", "Owner Knows This", { ip: "192.0.2.200" })).toMatchObject({
      ok: true,
    });
  });

  it("caps distributed guessing on one address across many IPs", async () => {
    const since = new Date();
    await db().loginAttempt.createMany({
      data: Array.from({ length: MAX_FAILURES_PER_ADDRESS }, (_, i) => ({
        door: "IMAP" as const,
        address: "carol@auth.test",
        ip: `198.18.${i >> 8}.${i & 255}`,
        success: false,
        reason: "wrong_password",
        at: since,
      })),
    });
    expect(
      await login("carol@auth.test", "Case Sensitive Pw", { ip: "192.0.2.201" }),
    ).toMatchObject({ ok: false, reason: "throttled" });
    await db().loginAttempt.deleteMany({
      where: { address: "carol@auth.test", ip: { startsWith: "198.18." } },
    });
    await db().loginAttempt.deleteMany({
      where: { address: "carol@auth.test", ip: "192.0.2.201" },
    });
  });

  it("records every attempt with door, address, IP and reason", async () => {
    const attempts = await db().loginAttempt.findMany({
      where: { address: "carol@auth.test" },
      orderBy: { id: "asc" },
    });
    expect(attempts.map((a) => [a.door, a.success, a.reason])).toEqual([
      ["IMAP", true, null],
      ["IMAP", false, "wrong_password"],
      ["IMAP", false, "plaintext_without_tls"],
      ["IMAP", true, null],
      ["IMAP", false, "suspended"],
      ["IMAP", false, "wrong_password"],
      ["POP3", false, "protocol_disabled"],
      ["WEB", true, null],
    ]);
  });
});

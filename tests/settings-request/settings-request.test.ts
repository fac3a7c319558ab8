// "Forgot my settings": outcomes, limits, the email itself, and delivery retries, with a real
// SMTP relay (an smtp-server instance) standing in for SMTP_RELAY_URL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCaptureRelay } from "../support/capture-relay";

const relay = await startCaptureRelay();
const received = relay.received;
process.env.SMTP_RELAY_URL = relay.url;
process.env.APP_URL = "https://portal.example.net";

const { db } = await import("@/lib/server/db/client");
const { addDomain } = await import("@/lib/server/domain/add-domain");
const { addMailbox } = await import("@/lib/server/mailbox/add-mailbox");
const { requestSettingsEmail } =
  await import("@/lib/server/settings-request/request-settings-email");
const { deliverPendingSettingsEmails } =
  await import("@/lib/server/settings-request/deliver-pending-settings-emails");
const { ensureServerEndpoints } = await import("@/lib/server/settings/ensure-server-endpoints");
const { loadEnv } = await import("@/lib/env");

const actor = { type: "system" as const };

beforeAll(async () => {
  await ensureServerEndpoints({ ...loadEnv(), MAIL_HOSTNAME: "mail.example.net" });
  await addDomain({ name: "example.net", actor });
  await addMailbox({
    address: "dana@example.net",
    password: "Blue Harbour Lamp",
    recoveryEmail: "dana@home.test",
    actor,
  });
  const suspended = await addMailbox({
    address: "sus@example.net",
    password: "Quiet River Stone",
    actor,
  });
  await db().mailbox.update({ where: { id: suspended.id }, data: { suspended: true } });
});
afterAll(() => relay.close());

describe("forgot my settings", () => {
  it("queues for active mailboxes only and records every request", async () => {
    expect(await requestSettingsEmail({ address: " Dana@Example.NET ", ip: "192.0.2.1" })).toBe(
      "queued",
    );
    expect(await requestSettingsEmail({ address: "nobody@example.net", ip: "192.0.2.1" })).toBe(
      "unknown_address",
    );
    expect(await requestSettingsEmail({ address: "sus@example.net", ip: "192.0.2.1" })).toBe(
      "inactive",
    );
    const rows = await db().settingsRequest.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.address, r.outcome, r.deliveryState])).toEqual([
      ["dana@example.net", "queued", "pending"],
      ["nobody@example.net", "unknown_address", "skipped"],
      ["sus@example.net", "inactive", "skipped"],
    ]);
  });

  it("rejects input that could smuggle headers", async () => {
    for (const address of [
      "dana@example.net\r\nBcc: evil@x.test",
      "a@b.test\nX: y",
      "not an address",
      "",
    ]) {
      await expect(requestSettingsEmail({ address, ip: "192.0.2.9" })).rejects.toMatchObject({
        code: "INVALID_INPUT",
      });
    }
  });

  it("sends the settings to the mailbox and its recovery address, never a password, links from APP_URL", async () => {
    expect(await deliverPendingSettingsEmails()).toEqual({ sent: 1, failed: 0 });
    expect(received).toHaveLength(1);
    const mail = received[0];
    expect(mail.to.sort()).toEqual(["dana@example.net", "dana@home.test"]);
    const body = mail.raw;
    expect(body).toContain("mail.example.net");
    expect(body).toContain(`port ${loadEnv().IMAPS_PORT}`);
    expect(body).toContain(`port ${loadEnv().SMTPS_PORT}`);
    expect(body).toContain("https://portal.example.net/walkthroughs");
    expect(body).not.toContain("Blue Harbour Lamp");
    expect(body).not.toContain("ARGON2");
    const row = await db().settingsRequest.findFirstOrThrow({
      where: { address: "dana@example.net" },
    });
    expect(row).toMatchObject({ deliveryState: "sent", attempts: 1 });
    expect(await deliverPendingSettingsEmails()).toEqual({ sent: 0, failed: 0 });
  });

  it("limits requests per address and per IP, answering the same way", async () => {
    expect(await requestSettingsEmail({ address: "dana@example.net", ip: "192.0.2.2" })).toBe(
      "queued",
    );
    expect(await requestSettingsEmail({ address: "dana@example.net", ip: "192.0.2.3" })).toBe(
      "queued",
    );
    expect(await requestSettingsEmail({ address: "dana@example.net", ip: "192.0.2.4" })).toBe(
      "rate_limited",
    );
    for (let i = 0; i < 10; i++)
      await requestSettingsEmail({ address: `x${i}@example.net`, ip: "198.51.100.7" });
    expect(await requestSettingsEmail({ address: "y@example.net", ip: "198.51.100.7" })).toBe(
      "rate_limited",
    );
  });

  it("keeps a failed delivery, retries it later, and marks it failed for staff in the end", async () => {
    relay.state.refuse = true;
    await db().settingsRequest.updateMany({
      where: { deliveryState: "pending" },
      data: { nextAttemptAt: new Date(0) },
    });
    const pending = await db().settingsRequest.count({ where: { deliveryState: "pending" } });
    expect(pending).toBe(2);
    expect(await deliverPendingSettingsEmails()).toEqual({ sent: 0, failed: 2 });
    const retried = await db().settingsRequest.findMany({ where: { deliveryState: "pending" } });
    expect(retried).toHaveLength(2);
    expect(
      retried.every((r) => r.attempts === 1 && r.lastError && r.nextAttemptAt! > new Date()),
    ).toBe(true);
    for (let i = 0; i < 10; i++) {
      await db().settingsRequest.updateMany({
        where: { deliveryState: "pending" },
        data: { nextAttemptAt: new Date(0) },
      });
      await deliverPendingSettingsEmails();
    }
    const failed = await db().settingsRequest.findMany({ where: { deliveryState: "failed" } });
    expect(failed).toHaveLength(2);
    expect(failed.every((r) => r.attempts === 6 && r.nextAttemptAt === null)).toBe(true);
  });
});

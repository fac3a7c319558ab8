// Forgot password: token properties, single use, expiry, newest-voids-older, no enumeration,
// and the effects of a reset (old password dead on every door, sessions end, notice sent).
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutgoingMail } from "@/lib/server/mail/send-mail";
import { startCaptureRelay } from "../support/capture-relay";

const relay = await startCaptureRelay();
process.env.SMTP_RELAY_URL = relay.url;
process.env.APP_URL = "https://portal.example.net";

const { db } = await import("@/lib/server/db/client");
const { addDomain } = await import("@/lib/server/domain/add-domain");
const { addMailbox } = await import("@/lib/server/mailbox/add-mailbox");
const { authenticateMailbox } = await import("@/lib/server/auth/authenticate-mailbox");
const { requestPasswordReset } = await import("@/lib/server/password-reset/request-password-reset");
const { deliverPendingPasswordResets } =
  await import("@/lib/server/password-reset/deliver-pending-password-resets");
const { resetPasswordWithToken, findResetTokenMailbox } =
  await import("@/lib/server/password-reset/reset-password-with-token");
const { notifySecurityEvent } = await import("@/lib/server/notifications/notify-security-event");

const actor = { type: "system" as const };
const tokenOf = (text: string) =>
  new URL(/https:\/\/\S+/.exec(text)![0]).searchParams.get("token")!;
let mailboxId: number;

/** The door's two halves: the answer path, then (after the answer) the queue issuing the link. */
async function resetEmail(address: string, ip: string) {
  const sent: OutgoingMail[] = [];
  await requestPasswordReset({ address, ip });
  await deliverPendingPasswordResets({ send: async (mail) => void sent.push(mail) });
  return sent.at(-1) as { to: string; text: string } | undefined;
}

beforeAll(async () => {
  await addDomain({ name: "reset.test", actor });
  mailboxId = (
    await addMailbox({
      address: "erin@reset.test",
      password: "Orange Kite Morning",
      recoveryEmail: "erin@home.test",
      actor,
    })
  ).id;
  await addMailbox({ address: "norecovery@reset.test", password: "Orange Kite Evening", actor });
});
afterAll(() => relay.close());

describe("password reset", () => {
  it("answers nothing for unknown addresses or mailboxes without a recovery address", async () => {
    expect(await requestPasswordReset({ address: "ghost@reset.test", ip: "192.0.2.1" })).toBe(
      "unknown_address",
    );
    expect(await requestPasswordReset({ address: "norecovery@reset.test", ip: "192.0.2.1" })).toBe(
      "no_recovery_address",
    );
    expect(await deliverPendingPasswordResets()).toEqual({ sent: 0, failed: 0 });
    await expect(
      requestPasswordReset({ address: "x@y.test\r\nBcc: z@z.test", ip: "192.0.2.1" }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("sends a ≥128-bit token link built from APP_URL to the recovery address, storing only its hash", async () => {
    const email = await resetEmail("ERIN@reset.test", "192.0.2.1");
    expect(email!.to).toBe("erin@home.test");
    const token = tokenOf(email!.text);
    expect(email!.text).toContain("https://portal.example.net/password/reset?token=");
    expect(Buffer.from(token, "base64url").length).toBeGreaterThanOrEqual(16);
    const rows = await db().passwordResetToken.findMany({ where: { mailboxId } });
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0].expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(30 * 60 * 1000);
  });

  it("voids older tokens, refuses weak passwords without burning the link, and works once", async () => {
    const first = tokenOf((await resetEmail("erin@reset.test", "192.0.2.2"))!.text);
    const second = tokenOf((await resetEmail("erin@reset.test", "192.0.2.2"))!.text);
    expect(await findResetTokenMailbox(first)).toBeNull();
    await expect(
      resetPasswordWithToken({ token: first, password: "Fresh Paint Window", ip: null }),
    ).rejects.toMatchObject({ field: "token" });
    await expect(
      resetPasswordWithToken({ token: second, password: "password", ip: null }),
    ).rejects.toMatchObject({ code: "WEAK_PASSWORD" });
    const before = await db().mailbox.findUniqueOrThrow({ where: { id: mailboxId } });
    await resetPasswordWithToken({
      token: second,
      password: "Fresh Paint Window",
      ip: "192.0.2.2",
    });
    await expect(
      resetPasswordWithToken({ token: second, password: "Another Fresh Paint", ip: null }),
    ).rejects.toMatchObject({ field: "token" });
    const after = await db().mailbox.findUniqueOrThrow({ where: { id: mailboxId } });
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    for (const door of ["IMAP", "POP3", "SMTP", "WEB"] as const) {
      expect(
        await authenticateMailbox({
          door,
          address: "erin@reset.test",
          password: "Orange Kite Morning",
          ip: "127.0.0.1",
          secure: true,
        }),
      ).toMatchObject({ ok: false, reason: "wrong_password" });
      expect(
        await authenticateMailbox({
          door,
          address: "erin@reset.test",
          password: "Fresh Paint Window",
          ip: "127.0.0.1",
          secure: true,
        }),
      ).toMatchObject({ ok: true });
    }
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "mailbox.password_reset" },
    });
    expect(JSON.stringify(audit.details)).not.toContain("Fresh Paint");
  });

  it("expires tokens after 30 minutes", async () => {
    await db().rateLimitHit.deleteMany({});
    const token = tokenOf((await resetEmail("erin@reset.test", "192.0.2.3"))!.text);
    await db().passwordResetToken.updateMany({
      where: { mailboxId, usedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await expect(
      resetPasswordWithToken({ token, password: "Later Paint Window", ip: null }),
    ).rejects.toMatchObject({ field: "token" });
  });

  it("rate limits per address", async () => {
    await db().rateLimitHit.deleteMany({});
    for (let i = 0; i < 3; i++)
      expect(await requestPasswordReset({ address: "erin@reset.test", ip: "192.0.2.4" })).toBe(
        "queued",
      );
    expect(await requestPasswordReset({ address: "erin@reset.test", ip: "192.0.2.5" })).toBe(
      "rate_limited",
    );
  });

  it("sends a security notice to the mailbox and its recovery address, without secrets", async () => {
    await notifySecurityEvent({ mailboxId, event: { kind: "password_reset" }, ip: "192.0.2.2" });
    const notice = relay.received.at(-1)!;
    expect(notice.to.sort()).toEqual(["erin@home.test", "erin@reset.test"]);
    expect(notice.raw).toContain("192.0.2.2");
    expect(notice.raw).toContain("https://portal.example.net/forgot-password");
    expect(notice.raw).not.toContain("Fresh Paint Window");
  });
});

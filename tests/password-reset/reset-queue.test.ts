// Reset links go through the delivery queue (PasswordResetRequest): every request is recorded
// with its outcome; a relay that refuses leaves the row pending with the error and a back-off;
// a later run sends a link that works once; after MAX_DELIVERY_ATTEMPTS the row is "failed"
// for staff, who can queue it again; a mailbox that stopped qualifying is "skipped"; two
// workers at once send each link once; no token reaches the row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutgoingMail } from "@/lib/server/mail/send-mail";
import { startCaptureRelay } from "../support/capture-relay";

const relay = await startCaptureRelay();
process.env.SMTP_RELAY_URL = relay.url;
process.env.APP_URL = "https://portal.example.net";

const { db } = await import("@/lib/server/db/client");
const { addDomain } = await import("@/lib/server/domain/add-domain");
const { addMailbox } = await import("@/lib/server/mailbox/add-mailbox");
const { setMailboxSuspended } = await import("@/lib/server/mailbox/set-mailbox-suspended");
const { addStaff } = await import("@/lib/server/staff/add-staff");
const { requestPasswordReset } = await import("@/lib/server/password-reset/request-password-reset");
const { deliverPendingPasswordResets } =
  await import("@/lib/server/password-reset/deliver-pending-password-resets");
const { resetPasswordWithToken } =
  await import("@/lib/server/password-reset/reset-password-with-token");
const { listPasswordResetRequests, retryPasswordResetRequest } =
  await import("@/lib/server/admin/password-reset-requests");
const { FIRST_RETRY_DELAY_MS, MAX_DELIVERY_ATTEMPTS } =
  await import("@/lib/server/delivery-queue/run-delivery-queue");
const { runPortalWorkersOnce } = await import("@/lib/server/workers/start-portal-workers");

const actor = { type: "system" as const };
const tokenIn = (text: string) =>
  new URL(/https:\/\/\S+/.exec(text)![0]).searchParams.get("token")!;
/** The link as the relay received it (quoted-printable "=" undone). */
const linkTokenIn = (raw: string) => tokenIn(raw.replace(/=3D/g, "="));
const later = (ms: number) => new Date(Date.now() + ms);
let n = 0;
let staff: { id: number; email: string; role: "support"; ip: string };

async function mailbox(options: { recovery: boolean } = { recovery: true }) {
  n++;
  return addMailbox({
    address: `user${n}@queue.test`,
    password: "Copper Lamp Harbour",
    recoveryEmail: options.recovery ? `rescue${n}@home.test` : undefined,
    actor,
  });
}
const rowFor = (mailboxId: number) =>
  db().passwordResetRequest.findFirstOrThrow({ where: { mailboxId }, orderBy: { id: "desc" } });

beforeAll(async () => {
  await addDomain({ name: "queue.test", actor });
  const s = await addStaff({
    email: "support@queue.test",
    password: "Blue Harbour 42",
    role: "support",
    actor,
  });
  staff = { id: s.id, email: s.email, role: "support", ip: "203.0.113.9" };
});
afterAll(() => relay.close());

describe("reset-link delivery queue", () => {
  it("records every request with its outcome; only a qualifying one is pending", async () => {
    const ok = await mailbox();
    const bare = await mailbox({ recovery: false });
    const off = await mailbox();
    await setMailboxSuspended({ mailboxId: off.id, suspended: true, actor });
    const ip = "192.0.2.10";
    expect(await requestPasswordReset({ address: ok.address, ip })).toBe("queued");
    expect(await requestPasswordReset({ address: "ghost@queue.test", ip })).toBe("unknown_address");
    expect(await requestPasswordReset({ address: bare.address, ip })).toBe("no_recovery_address");
    expect(await requestPasswordReset({ address: off.address, ip })).toBe("inactive");
    const rows = await db().passwordResetRequest.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.address, r.mailboxId, r.outcome, r.deliveryState, r.ip])).toEqual([
      [ok.address, ok.id, "queued", "pending", ip],
      ["ghost@queue.test", null, "unknown_address", "skipped", ip],
      [bare.address, bare.id, "no_recovery_address", "skipped", ip],
      [off.address, off.id, "inactive", "skipped", ip],
    ]);
    // The portal worker loop runs this queue too.
    await runPortalWorkersOnce();
    expect(await rowFor(ok.id)).toMatchObject({ deliveryState: "sent", attempts: 1 });
    expect(relay.received.at(-1)!.to).toEqual([ok.recoveryEmail]);
  });

  it("keeps a refused delivery pending with the error and a back-off; a later run sends a link that works once", async () => {
    const m = await mailbox();
    await requestPasswordReset({ address: m.address, ip: "192.0.2.11" });
    const before = relay.received.length;
    relay.state.refuse = true;
    try {
      expect(await deliverPendingPasswordResets()).toEqual({ sent: 0, failed: 1 });
    } finally {
      relay.state.refuse = false;
    }
    const pending = await rowFor(m.id);
    expect(pending).toMatchObject({ deliveryState: "pending", attempts: 1, deliveredAt: null });
    expect(pending.lastError).toMatch(/550|unavailable/);
    expect(pending.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + FIRST_RETRY_DELAY_MS / 2);
    // Not due yet: nothing is sent before the back-off has passed.
    expect(await deliverPendingPasswordResets()).toEqual({ sent: 0, failed: 0 });
    expect(relay.received.length).toBe(before);

    expect(await deliverPendingPasswordResets({ now: later(FIRST_RETRY_DELAY_MS + 1000) })).toEqual(
      { sent: 1, failed: 0 },
    );
    const sent = await rowFor(m.id);
    expect(sent).toMatchObject({ deliveryState: "sent", attempts: 2, lastError: null });
    expect(sent.deliveredAt).not.toBeNull();
    const mail = relay.received.at(-1)!;
    expect(mail.to).toEqual([m.recoveryEmail]);
    const token = linkTokenIn(mail.raw);
    await resetPasswordWithToken({ token, password: "Fresh Paint Window", ip: null });
    await expect(
      resetPasswordWithToken({ token, password: "Other Fresh Paint", ip: null }),
    ).rejects.toMatchObject({ field: "token" });
  });

  it(`ends as failed after ${MAX_DELIVERY_ATTEMPTS} attempts, shown to staff without the link; queue again sends it`, async () => {
    const m = await mailbox();
    await requestPasswordReset({ address: m.address, ip: "192.0.2.12" });
    const tokens: string[] = [];
    // A relay whose refusal echoes the whole message, link included.
    const echoingRelay = async (mail: OutgoingMail) => {
      tokens.push(tokenIn(mail.text));
      throw new Error(`554 rejected: ${mail.text}`);
    };
    let now = new Date();
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS; i++) {
      expect(await deliverPendingPasswordResets({ now, send: echoingRelay })).toEqual({
        sent: 0,
        failed: 1,
      });
      now = new Date((await rowFor(m.id)).nextAttemptAt?.getTime() ?? now.getTime());
    }
    expect(new Set(tokens).size).toBe(MAX_DELIVERY_ATTEMPTS);
    const failed = await rowFor(m.id);
    expect(failed).toMatchObject({
      deliveryState: "failed",
      attempts: MAX_DELIVERY_ATTEMPTS,
      nextAttemptAt: null,
    });
    expect(failed.lastError).toContain("554 rejected");
    const listed = await listPasswordResetRequests(staff, { deliveryState: "failed" });
    expect(listed.rows.map((r) => r.id)).toContain(failed.id);
    const shown = JSON.stringify(listed.rows);
    for (const token of tokens) expect(shown).not.toContain(token);
    expect(shown).not.toMatch(/token=(?!\[removed\])/);

    await retryPasswordResetRequest(staff, failed.id);
    expect(await rowFor(m.id)).toMatchObject({ deliveryState: "pending" });
    const audit = await db().auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(audit).toMatchObject({
      action: "password_reset_request.retry",
      actorType: "staff",
      targetType: "password_reset_request",
      targetId: String(failed.id),
    });
    await expect(retryPasswordResetRequest(staff, failed.id)).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    expect(await deliverPendingPasswordResets()).toEqual({ sent: 1, failed: 0 });
    expect(await rowFor(m.id)).toMatchObject({ deliveryState: "sent", lastError: null });
    // Only the newest link works: those of the failed attempts are void.
    await expect(
      resetPasswordWithToken({ token: tokens.at(-1)!, password: "Fresh Paint Window", ip: null }),
    ).rejects.toMatchObject({ field: "token" });
    const token = linkTokenIn(relay.received.at(-1)!.raw);
    await resetPasswordWithToken({ token, password: "Fresh Paint Window", ip: null });
  });

  it("skips a job whose mailbox no longer qualifies (suspended, recovery address removed)", async () => {
    const suspended = await mailbox();
    const removed = await mailbox();
    await requestPasswordReset({ address: suspended.address, ip: "192.0.2.13" });
    await requestPasswordReset({ address: removed.address, ip: "192.0.2.13" });
    await setMailboxSuspended({ mailboxId: suspended.id, suspended: true, actor });
    await db().mailbox.update({ where: { id: removed.id }, data: { recoveryEmail: null } });
    const before = relay.received.length;
    const tokensBefore = await db().passwordResetToken.count();
    expect(await deliverPendingPasswordResets()).toEqual({ sent: 0, failed: 0 });
    expect(await rowFor(suspended.id)).toMatchObject({ deliveryState: "skipped", attempts: 1 });
    expect(await rowFor(removed.id)).toMatchObject({ deliveryState: "skipped", attempts: 1 });
    expect(relay.received.length).toBe(before);
    expect(await db().passwordResetToken.count()).toBe(tokensBefore);
  });

  it("two workers running at once send each link once", async () => {
    const boxes = await Promise.all([mailbox(), mailbox(), mailbox()]);
    for (const m of boxes) await requestPasswordReset({ address: m.address, ip: "192.0.2.14" });
    const before = relay.received.length;
    const runs = await Promise.all([
      deliverPendingPasswordResets({ limit: 2 }),
      deliverPendingPasswordResets({ limit: 2 }),
      deliverPendingPasswordResets({ limit: 2 }),
    ]);
    expect(runs.reduce((sum, r) => sum + r.sent, 0)).toBe(3);
    const mails = relay.received.slice(before);
    expect(mails.map((m) => m.to[0]).sort()).toEqual(boxes.map((m) => m.recoveryEmail).sort());
    for (const m of boxes)
      expect(await rowFor(m.id)).toMatchObject({ deliveryState: "sent", attempts: 1 });
  });
});

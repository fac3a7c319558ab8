import { beforeAll, describe, expect, it } from "vitest";
import { authenticateMailbox } from "@/lib/server/auth/authenticate-mailbox";
import { db } from "@/lib/server/db/client";
import { addDomain } from "@/lib/server/domain/add-domain";
import { addMailbox } from "@/lib/server/mailbox/add-mailbox";
import { changeMailboxPassword } from "@/lib/server/mailbox/change-mailbox-password";
import { hashPassword } from "@/lib/server/password/hashing";

const actor = { type: "system" as const };
const OLD = "Orange bicycle under 9 trees";
const NEW = "Silver canoe and 2 herons";
let seq = 0;

async function mailbox(password = OLD) {
  seq += 1;
  return addMailbox({ address: `dana${seq}@change.test`, password, actor });
}

const ip = "192.0.2.50";
const login = (address: string, password: string, door: "WEB" | "IMAP" | "POP3" | "SMTP") =>
  authenticateMailbox({ door, address, password, ip: "192.0.2.99", secure: true });

describe("a customer changing their own password", () => {
  beforeAll(async () => {
    await addDomain({ name: "change.test", actor });
  });

  it("refuses a wrong current password with a field error and records the attempt", async () => {
    const m = await mailbox();
    await expect(
      changeMailboxPassword({ mailboxId: m.id, currentPassword: "nope", newPassword: NEW, ip }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", field: "currentPassword" });
    const after = await db().mailbox.findUniqueOrThrow({ where: { id: m.id } });
    expect(after.passwordHash).toBe(m.passwordHash);
    expect(after.sessionVersion).toBe(0);
    const attempt = await db().loginAttempt.findFirstOrThrow({ where: { mailboxId: m.id } });
    expect(attempt).toMatchObject({ door: "WEB", success: false, reason: "wrong_password", ip });
  });

  it.each([
    ["too short", "short 1", /at least 8 characters/],
    ["a common password", "password1", /most commonly used/],
    ["the mailbox name", "dana99 likes tea", /mailbox name/],
    ["the domain name", "tea at change hall", /domain name/],
  ])("refuses %s as the new password, on the newPassword field", async (_what, next, message) => {
    const m = await mailbox();
    const newPassword = next.replace("dana99", m.localPart);
    await expect(
      changeMailboxPassword({ mailboxId: m.id, currentPassword: OLD, newPassword, ip }),
    ).rejects.toMatchObject({ code: "WEAK_PASSWORD", field: "newPassword", message });
    expect((await db().mailbox.findUniqueOrThrow({ where: { id: m.id } })).sessionVersion).toBe(0);
  });

  it("accepts long passphrases with spaces and Unicode up to 256 characters", async () => {
    const m = await mailbox();
    const unicode = [..."Ünïcødé 🌻 sentence with spaces ".repeat(8)].slice(0, 200).join("");
    await changeMailboxPassword({
      mailboxId: m.id,
      currentPassword: OLD,
      newPassword: unicode,
      ip,
    });
    expect(await login(m.address, unicode, "IMAP")).toMatchObject({ ok: true });
  });

  it("on success: old password dead on every door, new one works, version bumped, audited", async () => {
    const m = await mailbox();
    const result = await changeMailboxPassword({
      mailboxId: m.id,
      currentPassword: OLD,
      newPassword: NEW,
      ip,
    });
    expect(result.sessionVersion).toBe(1);
    for (const door of ["WEB", "IMAP", "POP3", "SMTP"] as const) {
      expect(await login(m.address, OLD, door)).toMatchObject({
        ok: false,
        reason: "wrong_password",
      });
      expect(await login(m.address, NEW, door)).toMatchObject({ ok: true });
    }
    const events = await db().auditEvent.findMany({
      where: { action: "mailbox.password_change", targetId: String(m.id) },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorType: "customer",
      actorId: String(m.id),
      actorLabel: m.address,
      ip,
    });
    expect(JSON.stringify({ ...events[0], id: null })).not.toContain(NEW);
    expect(JSON.stringify({ ...events[0], id: null })).not.toContain(OLD);
  });

  it("accepts a staff-issued temporary password as the current one, and clears it", async () => {
    const m = await mailbox();
    await db().mailbox.update({
      where: { id: m.id },
      data: {
        tempPasswordHash: await hashPassword("Temporary 12345 abc"),
        tempPasswordExpiresAt: new Date(Date.now() + 3600_000),
      },
    });
    await changeMailboxPassword({
      mailboxId: m.id,
      currentPassword: "Temporary 12345 abc",
      newPassword: NEW,
      ip,
    });
    const after = await db().mailbox.findUniqueOrThrow({ where: { id: m.id } });
    expect(after.tempPasswordHash).toBeNull();
    expect(await login(m.address, NEW, "WEB")).toMatchObject({ ok: true });
  });

  it("is throttled with the shared limits: many wrong current passwords lock it", async () => {
    const m = await mailbox();
    for (let i = 0; i < 10; i++)
      await changeMailboxPassword({
        mailboxId: m.id,
        currentPassword: `wrong ${i}`,
        newPassword: NEW,
        ip,
      }).catch(() => {});
    await expect(
      changeMailboxPassword({ mailboxId: m.id, currentPassword: OLD, newPassword: NEW, ip }),
    ).rejects.toMatchObject({ code: "RATE_LIMITED", field: "currentPassword" });
  });
});

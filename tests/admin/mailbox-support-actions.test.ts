// What support's actions do to the customer: the temporary password opens only the portal
// (web door), never IMAP/POP3/SMTP; suspension stops portal sign-in at once; protocol
// toggles, quota and the recovery-address mask; the recent logins in plain words.
import { beforeAll, describe, expect, it } from "vitest";
import { authenticateMailbox } from "@/lib/server/auth/authenticate-mailbox";
import {
  setMailboxQuota,
  setProtocolAccess,
  setSuspendedAsStaff,
  quotaSchema,
} from "@/lib/server/admin/change-mailbox";
import {
  createMailboxAsAdmin,
  deleteMailboxAsAdmin,
} from "@/lib/server/admin/create-delete-mailbox";
import { getMailboxOverview } from "@/lib/server/admin/get-mailbox-overview";
import { issueTemporaryPassword } from "@/lib/server/admin/issue-temporary-password";
import { maskEmail } from "@/lib/server/admin/mask-email";
import type { StaffContext } from "@/lib/server/admin/staff-context";
import { db } from "@/lib/server/db/client";
import { addDomain } from "@/lib/server/domain/add-domain";
import { addMailbox } from "@/lib/server/mailbox/add-mailbox";
import { setMailboxPassword } from "@/lib/server/mailbox/set-mailbox-password";

const system = { type: "system" as const };
const support: StaffContext = {
  id: 1,
  email: "support@help.test",
  role: "support",
  ip: "203.0.113.9",
};
const admin: StaffContext = { id: 2, email: "admin@help.test", role: "admin", ip: "203.0.113.10" };
const noSleep = async () => {};
const login = (
  door: "WEB" | "IMAP" | "POP3" | "SMTP",
  address: string,
  password: string,
  ip = "192.0.2.77",
) =>
  authenticateMailbox({
    door,
    address,
    password,
    ip,
    secure: true,
    allowTemporaryPassword: true,
    sleep: noSleep,
  });

let mailboxId: number;
const forgetLoginAttempts = () => db().loginAttempt.deleteMany({});

describe("support actions on a mailbox", () => {
  beforeAll(async () => {
    await addDomain({ name: "help.test", actor: system });
    mailboxId = (
      await addMailbox({
        address: "dora@help.test",
        password: "Real Secret 123",
        recoveryEmail: "dora.backup@elsewhere.org",
        actor: system,
      })
    ).id;
  });

  it("a temporary password works on the portal door only, not in mail clients", async () => {
    const { password, expiresAt } = await issueTemporaryPassword(support, mailboxId);
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(await login("WEB", "dora@help.test", password)).toMatchObject({
      ok: true,
      mailbox: { usingTemporaryPassword: true },
    });
    for (const door of ["IMAP", "POP3", "SMTP"] as const)
      expect(await login(door, "dora@help.test", password)).toMatchObject({
        ok: false,
        reason: "wrong_password",
      });
    // The web door only accepts it when asked to (the portal sign-in form).
    expect(
      await authenticateMailbox({
        door: "WEB",
        address: "dora@help.test",
        password,
        secure: true,
        sleep: noSleep,
      }),
    ).toMatchObject({ ok: false });
    // The real password still works everywhere, and setting a new one ends the temporary one.
    expect(await login("IMAP", "dora@help.test", "Real Secret 123")).toMatchObject({ ok: true });
    await setMailboxPassword({
      mailboxId,
      address: "dora@help.test",
      password: "Brand New Secret 9",
      actor: system,
    });
    expect(await login("WEB", "dora@help.test", password)).toMatchObject({ ok: false });
    // An expired temporary password is refused.
    const second = await issueTemporaryPassword(support, mailboxId);
    await db().mailbox.update({
      where: { id: mailboxId },
      data: { tempPasswordExpiresAt: new Date(Date.now() - 1000) },
    });
    expect(await login("WEB", "dora@help.test", second.password)).toMatchObject({ ok: false });
  });

  it("suspending stops portal sign-in (and every mail door) at once; resuming restores it", async () => {
    await forgetLoginAttempts();
    await setSuspendedAsStaff(support, mailboxId, true);
    for (const door of ["WEB", "IMAP", "POP3", "SMTP"] as const)
      expect(await login(door, "dora@help.test", "Brand New Secret 9")).toMatchObject({
        ok: false,
        reason: "suspended",
      });
    await setSuspendedAsStaff(support, mailboxId, false);
    expect(await login("WEB", "dora@help.test", "Brand New Secret 9")).toMatchObject({ ok: true });
  });

  it("protocol toggles apply to that protocol only", async () => {
    await forgetLoginAttempts();
    await setProtocolAccess(support, mailboxId, "IMAP", false);
    expect(await login("IMAP", "dora@help.test", "Brand New Secret 9")).toMatchObject({
      ok: false,
      reason: "protocol_disabled",
    });
    expect(await login("POP3", "dora@help.test", "Brand New Secret 9")).toMatchObject({ ok: true });
    await setProtocolAccess(support, mailboxId, "IMAP", true);
    expect(await login("IMAP", "dora@help.test", "Brand New Secret 9")).toMatchObject({ ok: true });
  });

  it("the mailbox view shows recent logins on every door with plain-word reasons, and masks the recovery address for support", async () => {
    await forgetLoginAttempts();
    const password = "Brand New Secret 9";
    await login("IMAP", "dora@help.test", "not it");
    await setProtocolAccess(support, mailboxId, "IMAP", false);
    await login("IMAP", "dora@help.test", password);
    await setProtocolAccess(support, mailboxId, "IMAP", true);
    await setSuspendedAsStaff(support, mailboxId, true);
    await login("WEB", "dora@help.test", password);
    await setSuspendedAsStaff(support, mailboxId, false);
    const temp = await issueTemporaryPassword(support, mailboxId);
    await login("WEB", "dora@help.test", temp.password);
    await authenticateMailbox({
      door: "POP3",
      address: "dora@help.test",
      password: "x",
      ip: "192.0.2.200",
      secure: false,
      sleep: noSleep,
    });
    const view = await getMailboxOverview(support, mailboxId);
    expect(view.recoveryEmail).toBe("d•••@e•••.org");
    expect((await getMailboxOverview(admin, mailboxId)).recoveryEmail).toBe(
      "dora.backup@elsewhere.org",
    );
    const texts = view.recentLogins.map((l) => `${l.door}: ${l.text}`);
    expect(texts[0]).toMatch(/^POP3: Plain-text login refused on a connection without encryption/);
    expect(texts).toContain("IMAP: This protocol is switched off for the mailbox");
    expect(texts).toContain("WEB: Mailbox is suspended");
    expect(texts).toContain("WEB: Signed in with a temporary password from support");
    expect(texts).toContain("IMAP: Wrong password");
  });

  it("quota: validated sizes, stored in bytes", async () => {
    expect(quotaSchema.safeParse("5GB")).toEqual({ success: true, data: 5 * 1024 ** 3 });
    expect(quotaSchema.safeParse("500 MB").success).toBe(true);
    for (const bad of ["", "lots", "-1GB", "10KB", "2PB", "5TB"])
      expect(quotaSchema.safeParse(bad).success).toBe(false);
    await setMailboxQuota(support, mailboxId, 5 * 1024 ** 3);
    expect((await getMailboxOverview(support, mailboxId)).quotaBytes).toBe(5 * 1024 ** 3);
    await expect(setMailboxQuota(support, mailboxId, 12)).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
  });

  it("admins create mailboxes without choosing a password, and delete only with the address typed", async () => {
    const created = await createMailboxAsAdmin(admin, {
      address: "New.Person@help.test",
      quotaBytes: 1024 ** 3,
    });
    expect(created.address).toBe("new.person@help.test");
    expect(await login("WEB", "new.person@help.test", created.temporaryPassword)).toMatchObject({
      ok: true,
    });
    expect(await login("IMAP", "new.person@help.test", created.temporaryPassword)).toMatchObject({
      ok: false,
    });
    await expect(
      deleteMailboxAsAdmin(admin, { mailboxId: created.id, confirmAddress: "new.person@help.tes" }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", field: "confirmAddress" });
    expect(await db().mailbox.count({ where: { id: created.id } })).toBe(1);
    await deleteMailboxAsAdmin(admin, {
      mailboxId: created.id,
      confirmAddress: " NEW.PERSON@help.test ",
    });
    expect(await db().mailbox.count({ where: { id: created.id } })).toBe(0);
  });

  it("masks recovery addresses", () => {
    expect(maskEmail("anna.smith@example.org")).toBe("a•••@e•••.org");
    expect(maskEmail(null)).toBeNull();
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { addDomain } from "@/lib/server/domain/add-domain";
import { addMailbox } from "@/lib/server/mailbox/add-mailbox";
import {
  confirmRecoveryEmailChange,
  requestRecoveryEmailChange,
} from "@/lib/server/recovery-email/change-recovery-email";

const actor = { type: "system" as const };
let mailboxId: number;
const tokenOf = (text: string) => new URL(/http\S+/.exec(text)![0]).searchParams.get("token")!;

beforeAll(async () => {
  await addDomain({ name: "recover.test", actor });
  mailboxId = (
    await addMailbox({
      address: "finn@recover.test",
      password: "Green Door Ladder",
      recoveryEmail: "old@home.test",
      actor,
    })
  ).id;
});

describe("recovery address change", () => {
  it("needs the current password and a different, valid address", async () => {
    await expect(
      requestRecoveryEmailChange({
        mailboxId,
        currentPassword: "wrong wrong",
        newEmail: "new@home.test",
        ip: null,
      }),
    ).rejects.toMatchObject({ field: "currentPassword" });
    await expect(
      requestRecoveryEmailChange({
        mailboxId,
        currentPassword: "Green Door Ladder",
        newEmail: "finn@recover.test",
        ip: null,
      }),
    ).rejects.toMatchObject({ field: "newEmail" });
    await expect(
      requestRecoveryEmailChange({
        mailboxId,
        currentPassword: "Green Door Ladder",
        newEmail: "new@home.test\r\nBcc: x@y.z",
        ip: null,
      }),
    ).rejects.toMatchObject({ field: "newEmail" });
  });

  it("is used only after the link sent to the new address is followed, once", async () => {
    const email = await requestRecoveryEmailChange({
      mailboxId,
      currentPassword: "Green Door Ladder",
      newEmail: "New@Home.test",
      ip: "192.0.2.7",
    });
    expect(email.to).toBe("new@home.test");
    let mailbox = await db().mailbox.findUniqueOrThrow({ where: { id: mailboxId } });
    expect([mailbox.recoveryEmail, mailbox.recoveryEmailPending]).toEqual([
      "old@home.test",
      "new@home.test",
    ]);
    const token = tokenOf(email.text);
    expect(await confirmRecoveryEmailChange({ token, ip: "192.0.2.7" })).toEqual({
      mailboxId,
      oldEmail: "old@home.test",
      newEmail: "new@home.test",
    });
    mailbox = await db().mailbox.findUniqueOrThrow({ where: { id: mailboxId } });
    expect([mailbox.recoveryEmail, mailbox.recoveryEmailPending]).toEqual(["new@home.test", null]);
    await expect(confirmRecoveryEmailChange({ token, ip: null })).rejects.toMatchObject({
      field: "token",
    });
    await expect(confirmRecoveryEmailChange({ token: "forged", ip: null })).rejects.toMatchObject({
      field: "token",
    });
    const actions = (
      await db().auditEvent.findMany({ where: { targetId: String(mailboxId) } })
    ).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "mailbox.recovery_email_requested",
        "mailbox.recovery_email_changed",
      ]),
    );
  });

  it("voids an older confirmation link when a newer one is requested", async () => {
    const first = tokenOf(
      (
        await requestRecoveryEmailChange({
          mailboxId,
          currentPassword: "Green Door Ladder",
          newEmail: "a@home.test",
          ip: null,
        })
      ).text,
    );
    const second = tokenOf(
      (
        await requestRecoveryEmailChange({
          mailboxId,
          currentPassword: "Green Door Ladder",
          newEmail: "b@home.test",
          ip: null,
        })
      ).text,
    );
    await expect(confirmRecoveryEmailChange({ token: first, ip: null })).rejects.toMatchObject({
      field: "token",
    });
    expect((await confirmRecoveryEmailChange({ token: second, ip: null })).newEmail).toBe(
      "b@home.test",
    );
  });
});

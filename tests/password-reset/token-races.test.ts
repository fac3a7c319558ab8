// Mailbox tokens on a real PostgreSQL: two simultaneous uses of one link succeed exactly once
// (reset link and recovery-address confirmation), and a token is bound to its mailbox and its
// purpose. Several rounds, because a race that is lost only sometimes must still fail here.
import { beforeAll, describe, expect, it } from "vitest";
import { authenticateMailbox } from "@/lib/server/auth/authenticate-mailbox";
import { db } from "@/lib/server/db/client";
import { addDomain } from "@/lib/server/domain/add-domain";
import { addMailbox } from "@/lib/server/mailbox/add-mailbox";
import { setMailboxPassword } from "@/lib/server/mailbox/set-mailbox-password";
import { createPasswordResetToken } from "@/lib/server/password-reset/create-password-reset-token";
import {
  findResetTokenMailbox,
  resetPasswordWithToken,
} from "@/lib/server/password-reset/reset-password-with-token";
import {
  confirmRecoveryEmailChange,
  requestRecoveryEmailChange,
} from "@/lib/server/recovery-email/change-recovery-email";
import { issueMailboxToken } from "@/lib/server/tokens/issue-mailbox-token";

const actor = { type: "system" as const };
const ROUNDS = 8;
let gina: { id: number; address: string };
let hugo: { id: number; address: string };

beforeAll(async () => {
  await addDomain({ name: "race.test", actor });
  gina = await addMailbox({
    address: "gina@race.test",
    password: "Round Table Lantern",
    recoveryEmail: "gina@home.test",
    actor,
  });
  hugo = await addMailbox({ address: "hugo@race.test", password: "Square Chair Candle", actor });
  // Open pool connections now, so the two contenders are not staggered by connection set-up.
  await Promise.all(Array.from({ length: 6 }, () => db().$queryRaw`SELECT 1 FROM pg_sleep(0.05)`));
});

function outcomes(results: PromiseSettledResult<unknown>[]) {
  return {
    fulfilled: results.filter((r) => r.status === "fulfilled").length,
    refusedAsUsed: results.filter(
      (r) => r.status === "rejected" && (r.reason as { field?: string }).field === "token",
    ).length,
  };
}

async function signsIn(address: string, password: string) {
  const result = await authenticateMailbox({
    door: "WEB",
    address,
    password,
    ip: "127.0.0.1",
    secure: true,
  });
  return result.ok;
}

describe("two simultaneous uses of one link", () => {
  it("reset link: exactly one of two concurrent resets wins, and its password is the one in force", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { token } = await createPasswordResetToken({ mailboxId: gina.id });
      const passwords = [`Racing Winner Alpha ${round}`, `Racing Winner Bravo ${round}`];
      const results = await Promise.allSettled(
        passwords.map((password) => resetPasswordWithToken({ token, password, ip: null })),
      );
      expect(outcomes(results)).toEqual({ fulfilled: 1, refusedAsUsed: 1 });
      const winner = passwords[results.findIndex((r) => r.status === "fulfilled")];
      const loser = passwords.find((p) => p !== winner)!;
      expect(await signsIn(gina.address, winner)).toBe(true);
      expect(await signsIn(gina.address, loser)).toBe(false);
      const resets = await db().auditEvent.count({
        where: { action: "mailbox.password_reset", targetId: String(gina.id) },
      });
      expect(resets).toBe(round + 1);
    }
  });

  it("recovery confirmation: exactly one of two concurrent confirmations wins", async () => {
    // The reset test above left Gina with a random winner's password: give her a known one.
    await setMailboxPassword({
      mailboxId: gina.id,
      address: gina.address,
      password: "Known Password For Recovery",
      actor,
    });
    for (let round = 0; round < ROUNDS; round++) {
      const newEmail = `gina-${round}@elsewhere.test`;
      const email = await requestRecoveryEmailChange({
        mailboxId: gina.id,
        currentPassword: "Known Password For Recovery",
        newEmail,
        ip: null,
      });
      const token = new URL(/http\S+/.exec(email.text)![0]).searchParams.get("token")!;
      const results = await Promise.allSettled([
        confirmRecoveryEmailChange({ token, ip: "192.0.2.1" }),
        confirmRecoveryEmailChange({ token, ip: "192.0.2.2" }),
      ]);
      expect(outcomes(results)).toEqual({ fulfilled: 1, refusedAsUsed: 1 });
      const mailbox = await db().mailbox.findUniqueOrThrow({ where: { id: gina.id } });
      expect([mailbox.recoveryEmail, mailbox.recoveryEmailPending]).toEqual([newEmail, null]);
      const changes = await db().auditEvent.count({
        where: { action: "mailbox.recovery_email_changed", targetId: String(gina.id) },
      });
      expect(changes).toBe(round + 1);
    }
  });
});

describe("a token is bound to its mailbox and its purpose", () => {
  it("changes only the mailbox it was issued for", async () => {
    const { token } = await createPasswordResetToken({ mailboxId: hugo.id });
    expect(await findResetTokenMailbox(token)).toMatchObject({ id: hugo.id });
    const ginaBefore = await db().mailbox.findUniqueOrThrow({ where: { id: gina.id } });
    await resetPasswordWithToken({ token, password: "Quiet Meadow Violin", ip: null });
    const ginaAfter = await db().mailbox.findUniqueOrThrow({ where: { id: gina.id } });
    expect(ginaAfter.passwordHash).toBe(ginaBefore.passwordHash);
    expect(await signsIn(hugo.address, "Quiet Meadow Violin")).toBe(true);
  });

  it("refuses a token of another purpose, and a new token voids only its own purpose", async () => {
    const profile = await issueMailboxToken({
      mailboxId: hugo.id,
      purpose: "profile_link",
      ttlMs: 60_000,
    });
    await expect(
      resetPasswordWithToken({ token: profile.token, password: "Not Through Here", ip: null }),
    ).rejects.toMatchObject({ field: "token" });
    await expect(
      confirmRecoveryEmailChange({ token: profile.token, ip: null }),
    ).rejects.toMatchObject({ field: "token" });
    const reset = await createPasswordResetToken({ mailboxId: hugo.id });
    // Issuing the reset link left the profile link alone, and vice versa.
    const rows = await db().passwordResetToken.findMany({
      where: { mailboxId: hugo.id, usedAt: null },
      select: { purpose: true },
    });
    expect(rows.map((r) => r.purpose).sort()).toEqual(["password_reset", "profile_link"]);
    expect(await findResetTokenMailbox(reset.token)).toMatchObject({ id: hugo.id });
  });
});

// Staff sign-in: password + TOTP (RFC 6238) + one-time backup codes, MFA enrolment, and the
// same throttling and failure delays as the mailbox doors (LoginAttempt door ADMIN).
import { beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "@/lib/env";
import { db } from "@/lib/server/db/client";
import { authenticateStaff } from "@/lib/server/staff/authenticate-staff";
import { addStaff } from "@/lib/server/staff/add-staff";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/server/staff/enrol-totp";
import { currentTotpCode, verifyTotpCode } from "@/lib/server/staff/totp";

const actor = { type: "system" as const };
const sleeps: number[] = [];
const sleep = async (ms: number) => void sleeps.push(ms);
const PASSWORD = "Staff Password 1";
const signIn = (email: string, password: string, code?: string, ip = "192.0.2.50") =>
  authenticateStaff({ email, password, code, ip, sleep });
// Enrolment used the current step's code; a sign-in right after needs a later one (the next
// step is accepted as clock drift).
const nextTotpCode = (secret: string) => currentTotpCode(secret, Date.now() + 30_000);

async function enrolled(email: string) {
  const staff = await addStaff({ email, password: PASSWORD, role: "support", actor });
  const { secret, uri } = await startTotpEnrolment(staff.id);
  expect(uri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
  const { backupCodes } = await confirmTotpEnrolment({
    staffId: staff.id,
    code: currentTotpCode(secret),
    actor,
  });
  return { staff, secret, backupCodes };
}

describe("staff sign-in", () => {
  beforeAll(() => {
    expect(loadEnv().STAFF_MFA_REQUIRED).toBe(true); // the default
  });

  it("TOTP codes follow RFC 6238 (SHA-1 test vector) with one step of drift", () => {
    // RFC 6238 appendix B secret "12345678901234567890", T = 59 s → 94287082 (8 digits);
    // the 6-digit code is its last six digits.
    const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    expect(currentTotpCode(secret, 59_000)).toBe("287082");
    expect(verifyTotpCode(secret, "287082", 59_000)).toBe(true);
    expect(verifyTotpCode(secret, "287082", 59_000 + 30_000)).toBe(true);
    expect(verifyTotpCode(secret, "287082", 59_000 + 90_000)).toBe(false);
    expect(verifyTotpCode(secret, "28708", 59_000)).toBe(false);
  });

  it("a staff member without a valid TOTP code cannot get in", async () => {
    const { secret } = await enrolled("totp@crew.test");
    expect(await signIn("totp@crew.test", PASSWORD)).toMatchObject({
      ok: false,
      reason: "mfa_required",
    });
    const wrong = currentTotpCode(secret) === "000000" ? "111111" : "000000";
    expect(await signIn("totp@crew.test", PASSWORD, wrong)).toMatchObject({
      ok: false,
      reason: "mfa_failed",
    });
    expect(await signIn("totp@crew.test", "wrong password", currentTotpCode(secret))).toMatchObject(
      { ok: false, reason: "wrong_password" },
    );
    expect(await signIn("TOTP@Crew.Test ", PASSWORD, nextTotpCode(secret))).toMatchObject({
      ok: true,
      mfaPassed: true,
      mustEnrol: false,
      staff: { email: "totp@crew.test", role: "support" },
    });
    const attempts = await db().loginAttempt.findMany({
      where: { address: "totp@crew.test" },
      orderBy: { id: "asc" },
    });
    expect(attempts.map((a) => [a.door, a.success, a.reason])).toEqual([
      ["ADMIN", false, "mfa_required"],
      ["ADMIN", false, "mfa_failed"],
      ["ADMIN", false, "wrong_password"],
      ["ADMIN", true, null],
    ]);
    const audit = await db().auditEvent.findMany({
      where: { action: { startsWith: "staff.", not: "staff.add" } },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "staff.mfa_enrolled",
      "staff.mfa_failed",
      "staff.mfa_failed",
      "staff.sign_in_failed",
      "staff.sign_in",
    ]);
  });

  it("a TOTP code is accepted once, even when two sign-ins race with it (RFC 6238 §5.2)", async () => {
    const { secret } = await enrolled("replay@crew.test");
    // The code enrolment just used is spent.
    expect(await signIn("replay@crew.test", PASSWORD, currentTotpCode(secret))).toMatchObject({
      ok: false,
      reason: "mfa_replayed",
    });
    const code = nextTotpCode(secret);
    const both = await Promise.all([
      signIn("replay@crew.test", PASSWORD, code),
      signIn("replay@crew.test", PASSWORD, code),
    ]);
    expect(both.filter((d) => d.ok)).toHaveLength(1);
    expect(both.find((d) => !d.ok)).toMatchObject({ reason: "mfa_replayed" });
    // An older step than the last accepted one is refused too.
    expect(await signIn("replay@crew.test", PASSWORD, currentTotpCode(secret))).toMatchObject({
      ok: false,
      reason: "mfa_replayed",
    });
  });

  it("each backup code works once, and the hashes, not the codes, are stored", async () => {
    const { staff, backupCodes } = await enrolled("backup@crew.test");
    expect(backupCodes).toHaveLength(10);
    expect(new Set(backupCodes).size).toBe(10);
    const stored = await db().staffUser.findUniqueOrThrow({ where: { id: staff.id } });
    expect(stored.backupCodes).toHaveLength(10);
    for (const code of backupCodes) expect(stored.backupCodes.join()).not.toContain(code);

    const first = await signIn("backup@crew.test", PASSWORD, backupCodes[3].toUpperCase());
    expect(first).toMatchObject({ ok: true, usedBackupCode: true });
    expect(await signIn("backup@crew.test", PASSWORD, backupCodes[3])).toMatchObject({
      ok: false,
      reason: "mfa_failed",
    });
    const after = await db().staffUser.findUniqueOrThrow({ where: { id: staff.id } });
    expect(after.backupCodes).toHaveLength(9);
  });

  it("without an authenticator, MFA-required staff get in only to enrol", async () => {
    const staff = await addStaff({
      email: "new@crew.test",
      password: PASSWORD,
      role: "admin",
      actor,
    });
    const decision = await signIn("new@crew.test", PASSWORD);
    expect(decision).toMatchObject({ ok: true, mfaPassed: false, mustEnrol: true });
    const { secret } = await startTotpEnrolment(staff.id);
    // The same pending secret until confirmed (a reload does not change the QR code).
    expect((await startTotpEnrolment(staff.id)).secret).toBe(secret);
    await expect(
      confirmTotpEnrolment({ staffId: staff.id, code: "123456x", actor }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", field: "code" });
    await confirmTotpEnrolment({ staffId: staff.id, code: currentTotpCode(secret), actor });
    await expect(startTotpEnrolment(staff.id)).rejects.toMatchObject({ code: "ALREADY_EXISTS" });
    expect(await signIn("new@crew.test", PASSWORD)).toMatchObject({
      ok: false,
      reason: "mfa_required",
    });
  });

  it("refuses disabled staff even with the right password", async () => {
    const staff = await addStaff({
      email: "gone@crew.test",
      password: PASSWORD,
      role: "admin",
      actor,
    });
    await db().staffUser.update({ where: { id: staff.id }, data: { disabled: true } });
    expect(await signIn("gone@crew.test", PASSWORD)).toMatchObject({
      ok: false,
      reason: "disabled",
    });
  });

  it("throttles and delays failures exactly like the mailbox doors", async () => {
    await addStaff({ email: "target@crew.test", password: PASSWORD, role: "admin", actor });
    sleeps.length = 0;
    for (let i = 0; i < 11; i++) await signIn("target@crew.test", `guess ${i}`, "", "198.51.100.1");
    const { AUTH_FAILURE_DELAY_MS: base, AUTH_FAILURE_DELAY_MAX_MS: max } = loadEnv();
    expect(sleeps.slice(0, 4)).toEqual([1, 2, 4, 8].map((f) => Math.min(base * f, max)));
    // Over the limit (per address and IP) the right password is refused too from that IP.
    expect(await signIn("target@crew.test", PASSWORD, "", "198.51.100.1")).toMatchObject({
      ok: false,
      reason: "throttled",
    });
    const reasons = (
      await db().loginAttempt.findMany({
        where: { address: "target@crew.test" },
        orderBy: { id: "asc" },
      })
    ).map((a) => a.reason);
    expect(reasons).toEqual([...Array(10).fill("wrong_password"), "throttled", "throttled"]);
  });

  it("unknown staff addresses fail the same way and are recorded", async () => {
    expect(await signIn("nobody@crew.test", PASSWORD)).toEqual({
      ok: false,
      reason: "unknown_user",
      temporary: false,
    });
  });
});

// The signed staff session: tampering, the 8-hour and idle limits, and the database
// re-check on every request (disabled account, MFA reset, session version).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import {
  isComplete,
  issueStaffToken,
  resolveStaffSession,
} from "@/lib/server/admin/resolve-staff-session";
import { addStaff } from "@/lib/server/staff/add-staff";
import { resetStaffMfa, setStaffDisabled } from "@/lib/server/staff/manage-staff";
import {
  signStaffSession,
  STAFF_SESSION_IDLE_MS,
  STAFF_SESSION_MAX_MS,
  verifyStaffSession,
} from "@/lib/server/staff/staff-session-token";

const SECRET = "s".repeat(40);
const actor = { type: "system" as const };

describe("staff session token", () => {
  const now = Date.UTC(2026, 0, 1, 12);
  const claims = { sid: 7, sv: 0, mfa: true, iat: now, seen: now };

  it("round-trips and refuses any change to payload or signature", () => {
    const token = signStaffSession(claims, SECRET);
    expect(verifyStaffSession(token, SECRET, now)).toEqual(claims);
    const [payload, mac] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ ...claims, sid: 1 })).toString("base64url");
    expect(verifyStaffSession(`${forged}.${mac}`, SECRET, now)).toBeNull();
    expect(verifyStaffSession(`${payload}.${mac.slice(0, -2)}AA`, SECRET, now)).toBeNull();
    expect(verifyStaffSession(token, "t".repeat(40), now)).toBeNull();
    expect(verifyStaffSession(`${token}.x`, SECRET, now)).toBeNull();
    expect(verifyStaffSession("", SECRET, now)).toBeNull();
    expect(verifyStaffSession(undefined, SECRET, now)).toBeNull();
  });

  it("ends after 8 hours however active, and after the idle limit", () => {
    const token = signStaffSession(claims, SECRET);
    expect(verifyStaffSession(token, SECRET, now + STAFF_SESSION_IDLE_MS - 1000)).not.toBeNull();
    expect(verifyStaffSession(token, SECRET, now + STAFF_SESSION_IDLE_MS + 1000)).toBeNull();
    const active = signStaffSession({ ...claims, seen: now + STAFF_SESSION_MAX_MS }, SECRET);
    expect(verifyStaffSession(active, SECRET, now + STAFF_SESSION_MAX_MS - 1000)).not.toBeNull();
    expect(verifyStaffSession(active, SECRET, now + STAFF_SESSION_MAX_MS + 1000)).toBeNull();
  });
});

describe("resolving a staff session", () => {
  it("re-checks the account on every request", async () => {
    const admin = await addStaff({
      email: "boss@crew.test",
      password: "Admin Password 1",
      role: "admin",
      actor,
    });
    const target = await addStaff({
      email: "sam@crew.test",
      password: "Helper Password 12",
      role: "support",
      actor,
    });
    const me = { id: admin.id, email: admin.email, role: admin.role, ip: null };
    const token = issueStaffToken({ sid: target.id, sv: target.sessionVersion, mfa: true }, SECRET);

    // MFA is required by default and sam has no authenticator: only enrolment is allowed.
    const before = await resolveStaffSession(token, "192.0.2.1", SECRET);
    expect(before).toMatchObject({
      staff: { id: target.id, role: "support", ip: "192.0.2.1" },
      mustEnrol: true,
    });
    expect(isComplete(before)).toBe(false);

    await setStaffDisabled(me, target.id, true);
    expect(await resolveStaffSession(token, null, SECRET)).toBeNull();
    await setStaffDisabled(me, target.id, false);
    // Disabling bumped the session version: the old session stays dead after re-enabling.
    expect(await resolveStaffSession(token, null, SECRET)).toBeNull();

    const fresh = await db().staffUser.findUniqueOrThrow({ where: { id: target.id } });
    const token2 = issueStaffToken({ sid: fresh.id, sv: fresh.sessionVersion, mfa: true }, SECRET);
    expect(await resolveStaffSession(token2, null, SECRET)).not.toBeNull();
    await resetStaffMfa(me, target.id);
    expect(await resolveStaffSession(token2, null, SECRET)).toBeNull();

    await expect(setStaffDisabled(me, admin.id, true)).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
  });

  it("a customer or anonymous visitor has no staff session", async () => {
    expect(await resolveStaffSession(undefined, null, SECRET)).toBeNull();
    // e.g. a customer portal cookie value, or a token for a staff id that does not exist
    expect(await resolveStaffSession("eyJzdWIiOiJjdXN0b21lciJ9.abc", null, SECRET)).toBeNull();
    const ghost = issueStaffToken({ sid: 999999, sv: 0, mfa: true }, SECRET);
    expect(await resolveStaffSession(ghost, null, SECRET)).toBeNull();
  });
});

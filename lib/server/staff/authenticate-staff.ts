// THE staff sign-in decision: email + password + (when enrolled) a TOTP or backup code.
// Same throttling, failure delays and LoginAttempt records as the mailbox doors (door ADMIN).
import { loadEnv } from "@/lib/env";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import {
  countRecentFailures,
  defaultSleep,
  recordLoginAttempt,
} from "@/lib/server/auth/login-throttle";
import { db } from "@/lib/server/db/client";
import { normaliseAddress } from "@/lib/server/mailbox/address";
import { verifyAgainstDummy, verifyPassword } from "@/lib/server/password/hashing";
import { hashBackupCode, looksLikeBackupCode } from "./backup-codes";
import { claimTotpStep } from "./claim-totp-step";
import { matchTotpStep } from "./totp";

export type StaffLoginFailureReason =
  | "wrong_password"
  | "unknown_user"
  | "disabled"
  | "mfa_required"
  | "mfa_failed"
  | "mfa_replayed"
  | "throttled"
  | "temporary_failure";

export type AuthenticatedStaff = {
  id: number;
  email: string;
  role: StaffRole;
  sessionVersion: number;
};

export type StaffLoginDecision =
  | {
      ok: true;
      staff: AuthenticatedStaff;
      /** Both factors checked (or MFA not required and not enrolled). */
      mfaPassed: boolean;
      /** MFA is required and this account has no authenticator yet: enrol before anything else. */
      mustEnrol: boolean;
      usedBackupCode: boolean;
    }
  | { ok: false; reason: StaffLoginFailureReason; temporary: boolean };

export type AuthenticateStaffOptions = {
  email: string;
  password: string;
  /** TOTP code or backup code; may be empty for accounts without an authenticator. */
  code?: string;
  ip?: string | null;
  sleep?: (ms: number) => Promise<void>;
};

export async function authenticateStaff(
  options: AuthenticateStaffOptions,
): Promise<StaffLoginDecision> {
  const env = loadEnv();
  const email = normaliseAddress(options.email).slice(0, 320);
  const ip = options.ip ?? null;
  const sleep = options.sleep ?? defaultSleep;
  const code = (options.code ?? "").trim();

  try {
    const [failures, staff] = await Promise.all([
      countRecentFailures({ address: email, ip }),
      db().staffUser.findUnique({ where: { email } }),
    ]);

    const fail = async (reason: StaffLoginFailureReason): Promise<StaffLoginDecision> => {
      await recordLoginAttempt({ door: "ADMIN", address: email, ip, success: false, reason });
      await recordAuditEvent({
        actor: { type: "staff", id: staff?.id, label: email, ip },
        action:
          reason === "mfa_failed" || reason === "mfa_required" || reason === "mfa_replayed"
            ? "staff.mfa_failed"
            : "staff.sign_in_failed",
        target: staff ? { type: "staff", id: staff.id } : undefined,
        details: { reason },
      }).catch(() => {});
      await sleep(failures.delayMs);
      return { ok: false, reason, temporary: false };
    };

    if (failures.throttled) {
      await verifyAgainstDummy(options.password);
      return fail("throttled");
    }
    if (!staff) {
      await verifyAgainstDummy(options.password);
      return fail("unknown_user");
    }
    if (!(await verifyPassword(staff.passwordHash, options.password)))
      return fail("wrong_password");
    if (staff.disabled) return fail("disabled");

    const enrolled = Boolean(staff.totpSecret && staff.totpEnabledAt);
    let usedBackupCode = false;
    if (enrolled) {
      if (!code) return fail("mfa_required");
      const step = matchTotpStep(staff.totpSecret!, code);
      if (step !== null) {
        if (!(await claimTotpStep(staff.id, step))) return fail("mfa_replayed");
      } else {
        if (!looksLikeBackupCode(code) || !(await consumeBackupCode(staff.id, code)))
          return fail("mfa_failed");
        usedBackupCode = true;
      }
    }
    const mustEnrol = !enrolled && env.STAFF_MFA_REQUIRED;

    await recordLoginAttempt({
      door: "ADMIN",
      address: email,
      ip,
      success: true,
      reason: usedBackupCode ? "backup_code" : mustEnrol ? "mfa_enrolment_pending" : null,
    });
    await db().staffUser.update({ where: { id: staff.id }, data: { lastLoginAt: new Date() } });
    await recordAuditEvent({
      actor: { type: "staff", id: staff.id, label: staff.email, ip },
      action: "staff.sign_in",
      target: { type: "staff", id: staff.id },
      details: { mfa: enrolled ? (usedBackupCode ? "backup_code" : "totp") : "none" },
    });
    return {
      ok: true,
      staff: {
        id: staff.id,
        email: staff.email,
        role: staff.role,
        sessionVersion: staff.sessionVersion,
      },
      mfaPassed: !mustEnrol,
      mustEnrol,
      usedBackupCode,
    };
  } catch (error) {
    console.error(
      `[auth] ADMIN login for ${email} failed on the database:`,
      (error as Error).message,
    );
    return { ok: false, reason: "temporary_failure", temporary: true };
  }
}

/** Removes the code if it is one of the unused ones; concurrent use of one code succeeds once. */
async function consumeBackupCode(staffId: number, code: string): Promise<boolean> {
  const hash = hashBackupCode(code);
  const staff = await db().staffUser.findUnique({ where: { id: staffId } });
  if (!staff?.backupCodes.includes(hash)) return false;
  const { count } = await db().staffUser.updateMany({
    where: { id: staffId, backupCodes: { has: hash } },
    data: { backupCodes: { set: staff.backupCodes.filter((h) => h !== hash) } },
  });
  return count === 1;
}

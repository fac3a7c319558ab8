// Admin-only staff management: list, reset MFA, disable/enable. Resetting MFA and disabling
// both bump the session version, so the person's open sessions end at once.
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { assertRole, staffActor, type StaffContext } from "@/lib/server/admin/staff-context";
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { addStaff } from "./add-staff";

export async function listStaff(staff: StaffContext) {
  assertRole(staff, "admin");
  const rows = await db().staffUser.findMany({ orderBy: { email: "asc" } });
  return rows.map((s) => ({
    id: s.id,
    email: s.email,
    role: s.role,
    disabled: s.disabled,
    mfaEnrolled: Boolean(s.totpEnabledAt),
    backupCodesLeft: s.backupCodes.length,
    lastLoginAt: s.lastLoginAt,
    createdAt: s.createdAt,
  }));
}

export async function addStaffAsAdmin(
  staff: StaffContext,
  input: { email: string; password: string; role: string },
) {
  assertRole(staff, "admin");
  return addStaff({ ...input, actor: staffActor(staff) });
}

export async function resetStaffMfa(staff: StaffContext, targetId: number) {
  assertRole(staff, "admin");
  return db().$transaction(async (tx) => {
    const target = await tx.staffUser.update({
      where: { id: targetId },
      data: {
        totpSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
        backupCodes: [],
        sessionVersion: { increment: 1 },
      },
    });
    await recordAuditEvent(
      {
        actor: staffActor(staff),
        action: "staff.mfa_reset",
        target: { type: "staff", id: target.id },
        details: { email: target.email },
      },
      tx,
    );
    return target;
  });
}

export async function setStaffDisabled(staff: StaffContext, targetId: number, disabled: boolean) {
  assertRole(staff, "admin");
  if (targetId === staff.id && disabled)
    throw new AppError("INVALID_INPUT", "You cannot disable your own account.");
  return db().$transaction(async (tx) => {
    const target = await tx.staffUser.update({
      where: { id: targetId },
      data: { disabled, sessionVersion: { increment: 1 } },
    });
    await recordAuditEvent(
      {
        actor: staffActor(staff),
        action: disabled ? "staff.disable" : "staff.enable",
        target: { type: "staff", id: target.id },
        details: { email: target.email },
      },
      tx,
    );
    return target;
  });
}

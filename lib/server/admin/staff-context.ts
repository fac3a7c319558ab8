// Who is acting in the admin area, and the one role rule: `admin` may do everything
// `support` may, plus the admin-only actions. Every admin operation in lib/ checks it.
import type { StaffRole } from "@/lib/generated/prisma/enums";
import type { AuditActor } from "@/lib/server/audit/record-audit-event";
import { AppError } from "@/lib/server/errors/app-error";

export type StaffContext = {
  id: number;
  email: string;
  role: StaffRole;
  ip: string | null;
};

export function staffActor(staff: StaffContext): AuditActor {
  return { type: "staff", id: staff.id, label: staff.email, ip: staff.ip };
}

export function hasRole(staff: Pick<StaffContext, "role">, needed: StaffRole): boolean {
  return needed === "support" || staff.role === "admin";
}

/** Throws FORBIDDEN unless `staff` is signed in with at least the `needed` role. */
export function assertRole(
  staff: StaffContext | null | undefined,
  needed: StaffRole,
): asserts staff is StaffContext {
  if (!staff) throw new AppError("FORBIDDEN", "Sign in to the admin area first.");
  if (!hasRole(staff, needed))
    throw new AppError("FORBIDDEN", "Only an administrator can do this.");
}

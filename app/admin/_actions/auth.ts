"use server";
// Staff sign-in, TOTP enrolment and sign-out.
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/components/admin/action-state";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import {
  clearStaffCookie,
  currentStaffSession,
  writeStaffCookie,
} from "@/lib/server/admin/require-staff";
import { issueStaffToken } from "@/lib/server/admin/resolve-staff-session";
import { staffActor } from "@/lib/server/admin/staff-context";
import { isAppError } from "@/lib/server/errors/app-error";
import { authenticateStaff } from "@/lib/server/staff/authenticate-staff";
import { requestClientIp } from "@/lib/server/web-auth/request-guards";
import { confirmTotpEnrolment } from "@/lib/server/staff/enrol-totp";

const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address.").max(320),
  password: z.string().min(1, "Enter your password.").max(1024),
  code: z.string().trim().max(32).optional().default(""),
});

export async function signInStaff(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = signInSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { error: "Enter your email address and password." };
  const decision = await authenticateStaff({ ...parsed.data, ip: await requestClientIp() });
  if (!decision.ok) {
    return {
      error: decision.temporary
        ? "The service is having a temporary problem. Try again in a minute."
        : "The email address, password or authentication code is not right.",
    };
  }
  await writeStaffCookie(
    issueStaffToken({
      sid: decision.staff.id,
      sv: decision.staff.sessionVersion,
      mfa: decision.mfaPassed,
    }),
  );
  redirect(decision.mustEnrol ? "/admin/enrol" : "/admin");
}

const codeSchema = z.object({ code: z.string().trim().min(1, "Enter the 6-digit code.").max(16) });

export async function confirmEnrolment(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const session = await currentStaffSession();
  if (!session) redirect("/admin/login");
  const parsed = codeSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { fieldErrors: { code: ["Enter the 6-digit code."] } };
  try {
    const { backupCodes } = await confirmTotpEnrolment({
      staffId: session.staff.id,
      code: parsed.data.code,
      actor: staffActor(session.staff),
    });
    await writeStaffCookie(issueStaffToken({ ...session.claims, mfa: true }));
    return { ok: "Your authenticator is set up.", codes: backupCodes };
  } catch (error) {
    if (isAppError(error)) return { error: error.message, fieldErrors: { code: [error.message] } };
    throw error;
  }
}

export async function signOutStaff(): Promise<void> {
  const session = await currentStaffSession();
  if (session)
    await recordAuditEvent({
      actor: staffActor(session.staff),
      action: "staff.sign_out",
      target: { type: "staff", id: session.staff.id },
    });
  await clearStaffCookie();
  redirect("/admin/login");
}

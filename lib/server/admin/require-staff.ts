// The admin area's door checks, for pages (redirect) and server actions (FORBIDDEN error).
// Every admin page and action calls one of these first; the UI hiding a button is only a nicety.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { loadEnv } from "@/lib/env";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/server/errors/app-error";
import { requestClientIp } from "@/lib/server/web-auth/request-guards";
import { STAFF_COOKIE, STAFF_SESSION_MAX_MS } from "@/lib/server/staff/staff-session-token";
import {
  isComplete,
  issueStaffToken,
  resolveStaffSession,
  type StaffSession,
} from "./resolve-staff-session";
import { hasRole, type StaffContext } from "./staff-context";

export async function currentStaffSession(): Promise<StaffSession | null> {
  const token = (await cookies()).get(STAFF_COOKIE)?.value;
  return resolveStaffSession(token, await requestClientIp());
}

/** For pages: redirects to sign-in, enrolment or the forbidden page as needed. */
export async function requireStaffPage(role: StaffRole = "support"): Promise<StaffContext> {
  const session = await currentStaffSession();
  if (!session) redirect("/admin/login");
  if (!isComplete(session)) redirect("/admin/enrol");
  if (!hasRole(session.staff, role)) redirect("/admin/forbidden");
  return session.staff;
}

/** For server actions: throws FORBIDDEN, and keeps the session alive (idle timeout). */
export async function requireStaffAction(role: StaffRole = "support"): Promise<StaffContext> {
  const session = await currentStaffSession();
  if (!isComplete(session))
    throw new AppError("FORBIDDEN", "Your admin session has ended: sign in again.");
  if (!hasRole(session.staff, role))
    throw new AppError("FORBIDDEN", "Only an administrator can do this.");
  await writeStaffCookie(issueStaffToken(session.claims));
  return session.staff;
}

export async function writeStaffCookie(token: string): Promise<void> {
  (await cookies()).set(STAFF_COOKIE, token, {
    httpOnly: true,
    sameSite: "strict",
    secure: loadEnv().APP_URL.startsWith("https://"),
    path: "/admin",
    maxAge: STAFF_SESSION_MAX_MS / 1000,
  });
}

export async function clearStaffCookie(): Promise<void> {
  (await cookies()).delete({ name: STAFF_COOKIE, path: "/admin" });
}

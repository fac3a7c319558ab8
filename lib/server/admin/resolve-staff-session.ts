// Turns a session cookie into a signed-in staff member, re-checking the database every time:
// a disabled account, a reset MFA or a bumped session version ends the session at once.
import { loadEnv } from "@/lib/env";
import { db } from "@/lib/server/db/client";
import {
  signStaffSession,
  verifyStaffSession,
  type StaffSessionClaims,
} from "@/lib/server/staff/staff-session-token";
import type { StaffContext } from "./staff-context";

export type StaffSession = {
  staff: StaffContext;
  /** Password (and second factor, if enrolled) checked. */
  mfaPassed: boolean;
  /** MFA required and no authenticator yet: only the enrolment page is allowed. */
  mustEnrol: boolean;
  claims: StaffSessionClaims;
};

export function staffSessionSecret(): string {
  const secret = process.env.AUTH_SECRET ?? loadEnv().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set (npm start creates one under DATA_DIR)");
  return secret;
}

export async function resolveStaffSession(
  token: string | undefined | null,
  ip: string | null,
  secret = staffSessionSecret(),
): Promise<StaffSession | null> {
  const claims = verifyStaffSession(token, secret);
  if (!claims) return null;
  const user = await db().staffUser.findUnique({ where: { id: claims.sid } });
  if (!user || user.disabled || user.sessionVersion !== claims.sv) return null;
  const enrolled = Boolean(user.totpSecret && user.totpEnabledAt);
  return {
    staff: { id: user.id, email: user.email, role: user.role, ip },
    mfaPassed: claims.mfa,
    mustEnrol: !enrolled && loadEnv().STAFF_MFA_REQUIRED,
    claims,
  };
}

/** A fully usable session: signed in, second factor done, nothing left to enrol. */
export function isComplete(session: StaffSession | null): session is StaffSession {
  return Boolean(session && session.mfaPassed && !session.mustEnrol);
}

export function issueStaffToken(
  claims: Omit<StaffSessionClaims, "iat" | "seen"> & Partial<StaffSessionClaims>,
  secret = staffSessionSecret(),
): string {
  const now = Date.now();
  return signStaffSession({ ...claims, iat: claims.iat ?? now, seen: now }, secret);
}

// TOTP enrolment: a new secret is kept pending (totpEnabledAt null) until the staff member
// proves their app shows the right code; then ten backup codes are made and shown once.
import { recordAuditEvent, type AuditActor } from "@/lib/server/audit/record-audit-event";
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { newBackupCodes } from "./backup-codes";
import { matchTotpStep, newTotpSecret, totpUri } from "./totp";

/** The pending secret (made now unless one is already pending) and its otpauth:// URI. */
export async function startTotpEnrolment(staffId: number) {
  const staff = await db().staffUser.findUniqueOrThrow({ where: { id: staffId } });
  if (staff.totpEnabledAt)
    throw new AppError("ALREADY_EXISTS", "An authenticator is already set up for this account.");
  let secret = staff.totpSecret;
  if (!secret) {
    secret = newTotpSecret();
    await db().staffUser.update({ where: { id: staffId }, data: { totpSecret: secret } });
  }
  return { secret, uri: totpUri(secret, staff.email) };
}

/** Checks the code against the pending secret; returns the backup codes (shown once). */
export async function confirmTotpEnrolment(options: {
  staffId: number;
  code: string;
  actor: AuditActor;
}): Promise<{ backupCodes: string[] }> {
  const staff = await db().staffUser.findUniqueOrThrow({ where: { id: options.staffId } });
  if (staff.totpEnabledAt)
    throw new AppError("ALREADY_EXISTS", "An authenticator is already set up for this account.");
  const step = staff.totpSecret ? matchTotpStep(staff.totpSecret, options.code) : null;
  if (step === null)
    throw new AppError(
      "INVALID_INPUT",
      "That code does not match. Check the time on your phone and enter the current code.",
      "code",
    );
  const { codes, hashes } = newBackupCodes();
  await db().$transaction(async (tx) => {
    await tx.staffUser.update({
      where: { id: staff.id },
      data: { totpEnabledAt: new Date(), backupCodes: hashes, totpLastStep: step },
    });
    await recordAuditEvent(
      {
        actor: options.actor,
        action: "staff.mfa_enrolled",
        target: { type: "staff", id: staff.id },
      },
      tx,
    );
  });
  return { backupCodes: codes };
}

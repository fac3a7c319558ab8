// Recovery address changes: the customer re-enters their password, the new address must be
// confirmed from a link sent to it before it is used, and the old address hears about it.
import { randomBytes } from "node:crypto";
import { loadEnv } from "@/lib/env";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { authenticateMailbox } from "@/lib/server/auth/authenticate-mailbox";
import { hashResetToken as hashToken } from "@/lib/server/password-reset/create-password-reset-token";
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { mailboxAddressSchema } from "@/lib/server/mailbox/address";

const PURPOSE = "recovery_email_confirm";
const CONFIRM_TTL_MS = 24 * 60 * 60 * 1000;

export type ConfirmationEmail = { to: string; subject: string; text: string };

export async function requestRecoveryEmailChange(options: {
  mailboxId: number;
  currentPassword: string;
  newEmail: string;
  ip: string | null;
}): Promise<ConfirmationEmail> {
  const mailbox = await db().mailbox.findUniqueOrThrow({ where: { id: options.mailboxId } });
  const parsed = mailboxAddressSchema.safeParse(options.newEmail);
  if (!parsed.success)
    throw new AppError("INVALID_INPUT", parsed.error.issues[0].message, "newEmail");
  if (parsed.data === mailbox.address)
    throw new AppError(
      "INVALID_INPUT",
      "Use a different address from this mailbox: you need it when this one is locked.",
      "newEmail",
    );
  const check = await authenticateMailbox({
    door: "WEB",
    address: mailbox.address,
    password: options.currentPassword,
    ip: options.ip,
    secure: true,
  });
  if (!check.ok)
    throw new AppError("INVALID_INPUT", "Your current password is not correct.", "currentPassword");

  const token = randomBytes(32).toString("base64url");
  await db().$transaction(async (tx) => {
    await tx.passwordResetToken.updateMany({
      where: { mailboxId: mailbox.id, purpose: PURPOSE, usedAt: null },
      data: { usedAt: new Date() },
    });
    await tx.passwordResetToken.create({
      data: {
        mailboxId: mailbox.id,
        purpose: PURPOSE,
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + CONFIRM_TTL_MS),
        requestIp: options.ip,
      },
    });
    await tx.mailbox.update({
      where: { id: mailbox.id },
      data: { recoveryEmailPending: parsed.data },
    });
    await recordAuditEvent(
      {
        actor: { type: "customer", id: mailbox.id, label: mailbox.address, ip: options.ip },
        action: "mailbox.recovery_email_requested",
        target: { type: "mailbox", id: mailbox.id },
      },
      tx,
    );
  });
  return {
    to: parsed.data,
    subject: "Confirm your recovery address",
    text: [
      `${mailbox.address} wants to use this address to recover its password.`,
      "",
      "If that was you, confirm within 24 hours:",
      `${loadEnv().APP_URL}/recovery/confirm?token=${encodeURIComponent(token)}`,
      "",
      "If not, ignore this email: nothing changes.",
    ].join("\n"),
  };
}

/** Makes the pending address the recovery address; returns what changed for the notices. */
export async function confirmRecoveryEmailChange(options: { token: string; ip: string | null }) {
  const invalid = new AppError(
    "INVALID_INPUT",
    "This link has expired or was already used.",
    "token",
  );
  if (!options.token || options.token.length > 200) throw invalid;
  return db().$transaction(async (tx) => {
    const row = await tx.passwordResetToken.findUnique({
      where: { tokenHash: hashToken(options.token) },
      include: { mailbox: true },
    });
    if (
      !row ||
      row.purpose !== PURPOSE ||
      row.usedAt ||
      row.expiresAt <= new Date() ||
      !row.mailbox.recoveryEmailPending
    )
      throw invalid;
    const claimed = await tx.passwordResetToken.updateMany({
      where: { id: row.id, usedAt: null },
      data: { usedAt: new Date() },
    });
    if (claimed.count !== 1) throw invalid;
    const oldEmail = row.mailbox.recoveryEmail;
    const newEmail = row.mailbox.recoveryEmailPending;
    await tx.mailbox.update({
      where: { id: row.mailboxId },
      data: { recoveryEmail: newEmail, recoveryEmailPending: null },
    });
    await recordAuditEvent(
      {
        actor: { type: "customer", id: row.mailboxId, label: row.mailbox.address, ip: options.ip },
        action: "mailbox.recovery_email_changed",
        target: { type: "mailbox", id: row.mailboxId },
      },
      tx,
    );
    return { mailboxId: row.mailboxId, oldEmail, newEmail };
  });
}

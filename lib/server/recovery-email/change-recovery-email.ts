// Recovery address changes: the customer re-enters their password, the new address must be
// confirmed from a link sent to it before it is used, and the old address hears about it.
import { loadEnv } from "@/lib/env";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { authenticateMailbox } from "@/lib/server/auth/authenticate-mailbox";
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { mailboxAddressSchema } from "@/lib/server/mailbox/address";
import { claimMailboxToken } from "@/lib/server/tokens/claim-mailbox-token";
import { issueMailboxToken } from "@/lib/server/tokens/issue-mailbox-token";

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

  const token = await db().$transaction(async (tx) => {
    const issued = await issueMailboxToken({
      mailboxId: mailbox.id,
      purpose: PURPOSE,
      ttlMs: CONFIRM_TTL_MS,
      requestIp: options.ip,
      tx,
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
    return issued.token;
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
  return db().$transaction(async (tx) => {
    // Claimed inside the transaction: if the change below fails, the link stays usable.
    const claimed = await claimMailboxToken({ token: options.token, purpose: PURPOSE, tx });
    if (!claimed) throw invalid;
    const mailbox = await tx.mailbox.findUniqueOrThrow({ where: { id: claimed.mailboxId } });
    if (!mailbox.recoveryEmailPending) throw invalid;
    const oldEmail = mailbox.recoveryEmail;
    const newEmail = mailbox.recoveryEmailPending;
    await tx.mailbox.update({
      where: { id: mailbox.id },
      data: { recoveryEmail: newEmail, recoveryEmailPending: null },
    });
    await recordAuditEvent(
      {
        actor: { type: "customer", id: mailbox.id, label: mailbox.address, ip: options.ip },
        action: "mailbox.recovery_email_changed",
        target: { type: "mailbox", id: mailbox.id },
      },
      tx,
    );
    return { mailboxId: mailbox.id, oldEmail, newEmail };
  });
}

// Admin-only: create a mailbox (nobody chooses its password: the customer gets a temporary
// one to set their own) and delete one (the address must be typed to confirm).
import { randomBytes } from "node:crypto";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { addMailbox } from "@/lib/server/mailbox/add-mailbox";
import { normaliseAddress } from "@/lib/server/mailbox/address";
import { hashPassword } from "@/lib/server/password/hashing";
import { newTemporaryPassword, TEMP_PASSWORD_TTL_MS } from "./issue-temporary-password";
import { assertRole, staffActor, type StaffContext } from "./staff-context";

export async function createMailboxAsAdmin(
  staff: StaffContext,
  input: { address: string; quotaBytes?: number; recoveryEmail?: string },
): Promise<{ id: number; address: string; temporaryPassword: string }> {
  assertRole(staff, "admin");
  // A real password nobody knows: the mailbox is unusable until the customer sets their own.
  const unknownPassword = `${randomBytes(24).toString("base64url")}!Aa1`;
  const mailbox = await addMailbox({
    address: input.address,
    password: unknownPassword,
    quotaBytes: input.quotaBytes,
    recoveryEmail: input.recoveryEmail || undefined,
    actor: staffActor(staff),
  });
  const temporaryPassword = newTemporaryPassword();
  await db().mailbox.update({
    where: { id: mailbox.id },
    data: {
      tempPasswordHash: await hashPassword(temporaryPassword),
      tempPasswordExpiresAt: new Date(Date.now() + TEMP_PASSWORD_TTL_MS),
    },
  });
  return { id: mailbox.id, address: mailbox.address, temporaryPassword };
}

export async function deleteMailboxAsAdmin(
  staff: StaffContext,
  input: { mailboxId: number; confirmAddress: string },
) {
  assertRole(staff, "admin");
  return db().$transaction(async (tx) => {
    const mailbox = await tx.mailbox.findUnique({ where: { id: input.mailboxId } });
    if (!mailbox) throw new AppError("NOT_FOUND", "No such mailbox.");
    if (normaliseAddress(input.confirmAddress) !== mailbox.address)
      throw new AppError(
        "INVALID_INPUT",
        "Type the mailbox address exactly to confirm the deletion.",
        "confirmAddress",
      );
    await tx.mailbox.delete({ where: { id: mailbox.id } });
    await recordAuditEvent(
      {
        actor: staffActor(staff),
        action: "mailbox.delete",
        target: { type: "mailbox", id: mailbox.id },
        details: { address: mailbox.address },
      },
      tx,
    );
    return { address: mailbox.address };
  });
}

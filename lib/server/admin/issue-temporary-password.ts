// A one-time temporary password, shown once to the staff member who reads it to the
// customer. The login decision accepts it only on the web door (allowTemporaryPassword),
// where the customer must set a new password; mail clients never accept it.
import { randomInt } from "node:crypto";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { hashPassword } from "@/lib/server/password/hashing";
import { assertRole, staffActor, type StaffContext } from "./staff-context";

export const TEMP_PASSWORD_TTL_MS = 60 * 60 * 1000;
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** Four groups of four from 31 letters and digits: ~79 bits, easy to read over the phone. */
export function newTemporaryPassword(): string {
  const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return chars.match(/.{4}/g)!.join("-");
}

export async function issueTemporaryPassword(
  staff: StaffContext,
  mailboxId: number,
): Promise<{ password: string; expiresAt: Date; address: string }> {
  assertRole(staff, "support");
  const password = newTemporaryPassword();
  const tempPasswordHash = await hashPassword(password);
  const expiresAt = new Date(Date.now() + TEMP_PASSWORD_TTL_MS);
  return db().$transaction(async (tx) => {
    const mailbox = await tx.mailbox.findUnique({ where: { id: mailboxId } });
    if (!mailbox) throw new AppError("NOT_FOUND", "No such mailbox.");
    await tx.mailbox.update({
      where: { id: mailboxId },
      data: { tempPasswordHash, tempPasswordExpiresAt: expiresAt },
    });
    await recordAuditEvent(
      {
        actor: staffActor(staff),
        action: "mailbox.temp_password_issued",
        target: { type: "mailbox", id: mailboxId },
        details: { address: mailbox.address, expiresAt: expiresAt.toISOString() },
      },
      tx,
    );
    return { password, expiresAt, address: mailbox.address };
  });
}

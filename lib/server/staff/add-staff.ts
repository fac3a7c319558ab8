import { z } from "zod";
import { AppError } from "@/lib/server/errors/app-error";
import { db } from "@/lib/server/db/client";
import { mailboxAddressSchema } from "@/lib/server/mailbox/address";
import { assertPasswordAllowed } from "@/lib/server/password/check-password-policy";
import { hashPassword } from "@/lib/server/password/hashing";
import { recordAuditEvent, type AuditActor } from "@/lib/server/audit/record-audit-event";

export const staffRoleSchema = z.enum(["admin", "support"]);

export async function addStaff(options: {
  email: string;
  password: string;
  role: string;
  actor: AuditActor;
}) {
  const email = mailboxAddressSchema.safeParse(options.email);
  if (!email.success) throw new AppError("INVALID_INPUT", email.error.issues[0].message, "email");
  const role = staffRoleSchema.safeParse(options.role);
  if (!role.success) throw new AppError("INVALID_INPUT", "Role must be admin or support.", "role");
  assertPasswordAllowed(options.password, email.data);
  const passwordHash = await hashPassword(options.password);
  return db().$transaction(async (tx) => {
    if (await tx.staffUser.findUnique({ where: { email: email.data } }))
      throw new AppError("ALREADY_EXISTS", `Staff user ${email.data} already exists.`, "email");
    const staff = await tx.staffUser.create({
      data: { email: email.data, passwordHash, role: role.data },
    });
    await recordAuditEvent(
      {
        actor: options.actor,
        action: "staff.add",
        target: { type: "staff", id: staff.id },
        details: { email: staff.email, role: staff.role },
      },
      tx,
    );
    return staff;
  });
}

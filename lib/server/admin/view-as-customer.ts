// "View as customer": the settings the customer sees, read-only, and audited every time.
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { getConnectionSettings } from "@/lib/server/settings/get-connection-settings";
import { assertRole, staffActor, type StaffContext } from "./staff-context";

export async function viewAsCustomer(staff: StaffContext, mailboxId: number) {
  assertRole(staff, "support");
  const mailbox = await db().mailbox.findUnique({ where: { id: mailboxId } });
  if (!mailbox) throw new AppError("NOT_FOUND", "No such mailbox.");
  const settings = await getConnectionSettings({
    address: mailbox.address,
    protocol: mailbox.preferredProtocol,
  });
  await recordAuditEvent({
    actor: staffActor(staff),
    action: "mailbox.view_as_customer",
    target: { type: "mailbox", id: mailbox.id },
    details: { address: mailbox.address },
  });
  return { mailbox: { id: mailbox.id, address: mailbox.address }, settings };
}

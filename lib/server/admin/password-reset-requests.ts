// The reset-link queue as support sees it (address, state, attempts, last error, next attempt;
// never a token: the rows hold none) and "queue again" for failed deliveries.
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { db } from "@/lib/server/db/client";
import { requeueFailedDelivery } from "@/lib/server/delivery-queue/requeue-failed-delivery";
import { deliveryQueuePage } from "./delivery-queue-page";
import { assertRole, staffActor, type StaffContext } from "./staff-context";

export async function listPasswordResetRequests(
  staff: StaffContext,
  options: { deliveryState?: string; page?: number } = {},
) {
  assertRole(staff, "support");
  const { page, where, skip, take, pageCount } = deliveryQueuePage(options);
  const [total, rows] = await Promise.all([
    db().passwordResetRequest.count({ where }),
    db().passwordResetRequest.findMany({ where, orderBy: { id: "desc" }, skip, take }),
  ]);
  return { total, page, pageCount: pageCount(total), rows };
}

/** Puts a failed reset-link delivery back in the queue; the next attempt issues a new link. */
export async function retryPasswordResetRequest(staff: StaffContext, requestId: number) {
  assertRole(staff, "support");
  return db().$transaction(async (tx) => {
    const request = await requeueFailedDelivery({
      table: "PasswordResetRequest",
      id: requestId,
      tx,
    });
    await recordAuditEvent(
      {
        actor: staffActor(staff),
        action: "password_reset_request.retry",
        target: { type: "password_reset_request", id: requestId },
        details: { address: request.address },
      },
      tx,
    );
  });
}

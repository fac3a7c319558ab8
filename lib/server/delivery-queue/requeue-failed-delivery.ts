// Staff's "queue again" for a failed delivery, the same for every queue table: the row becomes
// pending and due now; the delivery worker gives it one more attempt.
import type { Tx } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import type { DeliveryQueueTable } from "./run-delivery-queue";

export async function requeueFailedDelivery(options: {
  table: DeliveryQueueTable;
  id: number;
  tx: Tx;
}): Promise<{ address: string }> {
  const [row] = await options.tx.$queryRawUnsafe<Array<{ address: string; deliveryState: string }>>(
    `SELECT address, "deliveryState" FROM "${options.table}" WHERE id = $1 FOR UPDATE`,
    options.id,
  );
  if (!row) throw new AppError("NOT_FOUND", "No such request.");
  if (row.deliveryState !== "failed")
    throw new AppError("INVALID_INPUT", "Only a failed delivery can be retried.");
  await options.tx.$executeRawUnsafe(
    `UPDATE "${options.table}" SET "deliveryState" = 'pending', "nextAttemptAt" = $2 WHERE id = $1`,
    options.id,
    new Date(),
  );
  return { address: row.address };
}

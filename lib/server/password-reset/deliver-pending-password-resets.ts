// Sends queued reset links through the shared delivery queue (lib/server/delivery-queue):
// each attempt issues a fresh token, so a retry voids the link of a failed attempt; a mailbox
// that no longer qualifies (suspended, recovery address removed, deleted) ends as "skipped".
import {
  runDeliveryQueue,
  type LeasedDelivery,
} from "@/lib/server/delivery-queue/run-delivery-queue";
import { sendMail, type OutgoingMail } from "@/lib/server/mail/send-mail";
import { issuePasswordResetEmail } from "./issue-password-reset-email";

export function deliverPendingPasswordResets(
  options: { limit?: number; now?: Date; send?: (mail: OutgoingMail) => Promise<void> } = {},
): Promise<{ sent: number; failed: number }> {
  const send = options.send ?? sendMail;
  return runDeliveryQueue<LeasedDelivery & { ip: string | null }>({
    table: "PasswordResetRequest",
    columns: ["ip"],
    limit: options.limit,
    now: options.now,
    async deliver(job) {
      const email = await issuePasswordResetEmail(job);
      if (!email) return "skipped";
      await send(email);
      return "sent";
    },
  });
}

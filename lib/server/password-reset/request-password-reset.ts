// Public "forgot password": a reset link goes to the mailbox's recovery address when there is
// one. The visitor always gets the same answer, and the answer path does the same work for
// every address (two rate-limit hits, one lookup, one PasswordResetRequest row recording the
// outcome). Issuing the token and sending the link belong to the delivery queue
// (deliverPendingPasswordResets), which the door starts right after the answer.
import { loadEnv } from "@/lib/env";
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { mailboxAddressSchema } from "@/lib/server/mailbox/address";
import { consumeRateLimit } from "@/lib/server/rate-limit/consume-rate-limit";
import { findPublicRequestTarget } from "@/lib/server/settings-request/find-public-request-target";
import { initialDelivery } from "@/lib/server/delivery-queue/run-delivery-queue";

const HOUR = 60 * 60 * 1000;

/** Recorded for staff; never shown to the visitor. */
export type PasswordResetOutcome =
  "queued" | "unknown_address" | "inactive" | "no_recovery_address" | "rate_limited";

export function passwordResetLink(token: string): string {
  return `${loadEnv().APP_URL}/password/reset?token=${encodeURIComponent(token)}`;
}

export async function requestPasswordReset(options: {
  address: string;
  ip: string | null;
}): Promise<PasswordResetOutcome> {
  const parsed = mailboxAddressSchema.safeParse(options.address);
  if (!parsed.success)
    throw new AppError("INVALID_INPUT", parsed.error.issues[0].message, "address");
  const address = parsed.data;
  const [perAddress, perIp, target] = await Promise.all([
    consumeRateLimit({ bucket: "reset:address", key: address, limit: 3, windowMs: HOUR }),
    consumeRateLimit({
      bucket: "reset:ip",
      key: options.ip ?? "unknown",
      limit: 10,
      windowMs: HOUR,
    }),
    findPublicRequestTarget(address),
  ]);
  const outcome: PasswordResetOutcome =
    !perAddress || !perIp
      ? "rate_limited"
      : !target.mailbox
        ? "unknown_address"
        : !target.active
          ? "inactive"
          : !target.mailbox.recoveryEmail
            ? "no_recovery_address"
            : "queued";
  await db().passwordResetRequest.create({
    data: {
      address,
      ip: options.ip,
      mailboxId: target.mailbox?.id ?? null,
      outcome,
      ...initialDelivery(outcome === "queued"),
    },
  });
  return outcome;
}

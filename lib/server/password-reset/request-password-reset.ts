// Public "forgot password": a reset link goes to the mailbox's recovery address when there is
// one. The visitor always gets the same answer, and the answer path does the same work for
// every address (two rate-limit hits and one lookup): issuing the token and sending the link
// happen after the answer has gone out (deliverPasswordResetEmail, called by the door).
import { loadEnv } from "@/lib/env";
import { AppError } from "@/lib/server/errors/app-error";
import { mailboxAddressSchema } from "@/lib/server/mailbox/address";
import { consumeRateLimit } from "@/lib/server/rate-limit/consume-rate-limit";
import { findPublicRequestTarget } from "@/lib/server/settings-request/find-public-request-target";

const HOUR = 60 * 60 * 1000;

/** What to do after the answer; null when nothing is to be sent. Never shown to the visitor. */
export type PasswordResetJob = { mailboxId: number; ip: string | null } | null;

export function passwordResetLink(token: string): string {
  return `${loadEnv().APP_URL}/password/reset?token=${encodeURIComponent(token)}`;
}

export async function requestPasswordReset(options: {
  address: string;
  ip: string | null;
}): Promise<PasswordResetJob> {
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
  if (!perAddress || !perIp || !target.active || !target.mailbox?.recoveryEmail) return null;
  return { mailboxId: target.mailbox.id, ip: options.ip };
}

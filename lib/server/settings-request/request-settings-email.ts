// Public "forgot my settings": queues the settings email when the address is an active mailbox.
// The caller always shows the same answer; nothing here tells the visitor what happened, and
// every branch does the same database work so timing tells nothing either.
import { initialDelivery } from "@/lib/server/delivery-queue/run-delivery-queue";
import { AppError } from "@/lib/server/errors/app-error";
import { db } from "@/lib/server/db/client";
import { mailboxAddressSchema } from "@/lib/server/mailbox/address";
import { suggestClient } from "@/lib/server/walkthrough/suggest-client";
import { findPublicRequestTarget } from "./find-public-request-target";
import {
  MAX_REQUESTS_PER_ADDRESS,
  MAX_REQUESTS_PER_IP,
  SETTINGS_REQUEST_WINDOW_MS,
} from "./limits";

export type SettingsRequestOutcome = "queued" | "unknown_address" | "inactive" | "rate_limited";

export async function requestSettingsEmail(options: {
  address: string;
  ip: string | null;
  /** The requesting browser's User-Agent: picks the email program pictured in the email. */
  userAgent?: string | null;
}): Promise<SettingsRequestOutcome> {
  const parsed = mailboxAddressSchema.safeParse(options.address);
  if (!parsed.success)
    throw new AppError("INVALID_INPUT", parsed.error.issues[0].message, "address");
  const address = parsed.data;
  const since = new Date(Date.now() - SETTINGS_REQUEST_WINDOW_MS);
  const [byIp, byAddress, target] = await Promise.all([
    options.ip
      ? db().settingsRequest.count({ where: { ip: options.ip, createdAt: { gte: since } } })
      : 0,
    db().settingsRequest.count({ where: { address, createdAt: { gte: since } } }),
    findPublicRequestTarget(address),
  ]);
  const outcome: SettingsRequestOutcome =
    byIp >= MAX_REQUESTS_PER_IP || byAddress >= MAX_REQUESTS_PER_ADDRESS
      ? "rate_limited"
      : !target.mailbox
        ? "unknown_address"
        : !target.active
          ? "inactive"
          : "queued";
  await db().settingsRequest.create({
    data: {
      address,
      ip: options.ip,
      mailboxId: target.mailbox?.id ?? null,
      outcome,
      ...initialDelivery(outcome === "queued"),
      clientGuess: options.userAgent ? suggestClient(options.userAgent) : null,
    },
  });
  return outcome;
}

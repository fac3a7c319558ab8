// One-time, short-lived links to a mailbox's Apple profile, for the QR code a customer scans
// with their phone. Mailbox tokens (lib/server/tokens) with purpose "profile_link", valid 10
// minutes, used at most once; showing a new QR code voids the older ones. The link carries no
// password and the profile contains none.
import { db } from "@/lib/server/db/client";
import { claimMailboxToken } from "@/lib/server/tokens/claim-mailbox-token";
import { issueMailboxToken } from "@/lib/server/tokens/issue-mailbox-token";

export const PROFILE_LINK_PURPOSE = "profile_link";
export const PROFILE_LINK_LIFETIME_MS = 10 * 60 * 1000;

export async function createProfileLink(options: {
  mailboxId: number;
  appUrl: string;
}): Promise<{ url: string; expiresAt: Date }> {
  const { token, expiresAt } = await issueMailboxToken({
    mailboxId: options.mailboxId,
    purpose: PROFILE_LINK_PURPOSE,
    ttlMs: PROFILE_LINK_LIFETIME_MS,
  });
  return { url: `${options.appUrl}/walkthroughs/profile-link/${token}`, expiresAt };
}

/** The mailbox the link was made for, or null when unknown, expired, used, or suspended. */
export async function redeemProfileLink(token: string) {
  const claimed = await claimMailboxToken({ token, purpose: PROFILE_LINK_PURPOSE });
  if (!claimed) return null;
  const mailbox = await db().mailbox.findUnique({
    where: { id: claimed.mailboxId },
    select: { id: true, address: true, preferredProtocol: true, suspended: true },
  });
  if (!mailbox || mailbox.suspended) return null;
  const { id, address, preferredProtocol } = mailbox;
  return { id, address, preferredProtocol };
}

// One-time, short-lived links to a mailbox's Apple profile, for the QR code a customer scans
// with their phone. Stored as PasswordResetToken rows with purpose "profile_link" (SHA-256
// of a 256-bit random token; the token itself is only in the QR code), valid 10 minutes,
// used at most once. The link carries no password and the profile contains none.
import { randomBytes } from "node:crypto";
import { hashResetToken as hashToken } from "@/lib/server/password-reset/create-password-reset-token";
import { db } from "@/lib/server/db/client";

export const PROFILE_LINK_PURPOSE = "profile_link";
export const PROFILE_LINK_LIFETIME_MS = 10 * 60 * 1000;

export async function createProfileLink(options: {
  mailboxId: number;
  appUrl: string;
}): Promise<{ url: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + PROFILE_LINK_LIFETIME_MS);
  await db().passwordResetToken.create({
    data: {
      mailboxId: options.mailboxId,
      tokenHash: hashToken(token),
      purpose: PROFILE_LINK_PURPOSE,
      expiresAt,
    },
  });
  return { url: `${options.appUrl}/walkthroughs/profile-link/${token}`, expiresAt };
}

/** The mailbox the link was made for, or null when unknown, expired, used, or suspended. */
export async function redeemProfileLink(token: string) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const tokenHash = hashToken(token);
  return db().$transaction(async (tx) => {
    const claimed = await tx.passwordResetToken.updateMany({
      where: {
        tokenHash,
        purpose: PROFILE_LINK_PURPOSE,
        usedAt: null,
        expiresAt: { gt: new Date() },
      },
      data: { usedAt: new Date() },
    });
    if (claimed.count !== 1) return null;
    const row = await tx.passwordResetToken.findUnique({
      where: { tokenHash },
      select: {
        mailbox: { select: { id: true, address: true, preferredProtocol: true, suspended: true } },
      },
    });
    if (!row || row.mailbox.suspended) return null;
    const { id, address, preferredProtocol } = row.mailbox;
    return { id, address, preferredProtocol };
  });
}

// Uses up a mailbox token. One UPDATE … WHERE "usedAt" IS NULL decides: PostgreSQL row locks
// make a second, concurrent claim of the same token wait and then find it used, so of any
// number of simultaneous uses exactly one succeeds.
import { db, type Tx } from "@/lib/server/db/client";
import { hashMailboxToken, type MailboxTokenPurpose } from "./issue-mailbox-token";

/** Tokens we issue are 43 base64url characters; anything else is refused without a query. */
export function looksLikeMailboxToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** The claimed token's mailbox id, or null when it is unknown, used, expired or another purpose. */
export async function claimMailboxToken(options: {
  token: string;
  purpose: MailboxTokenPurpose;
  tx?: Tx;
}): Promise<{ mailboxId: number } | null> {
  if (!looksLikeMailboxToken(options.token)) return null;
  const tokenHash = hashMailboxToken(options.token);
  const client = options.tx ?? db();
  const claimed = await client.passwordResetToken.updateMany({
    where: { tokenHash, purpose: options.purpose, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  if (claimed.count !== 1) return null;
  const row = await client.passwordResetToken.findUniqueOrThrow({
    where: { tokenHash },
    select: { mailboxId: true },
  });
  return row;
}

/** Read-only check before a claim (e.g. to show the reset form); never uses the token up. */
export async function findUsableMailboxToken(options: {
  token: string;
  purpose: MailboxTokenPurpose;
}): Promise<{ mailboxId: number } | null> {
  if (!looksLikeMailboxToken(options.token)) return null;
  return db().passwordResetToken.findFirst({
    where: {
      tokenHash: hashMailboxToken(options.token),
      purpose: options.purpose,
      usedAt: null,
      expiresAt: { gt: new Date() },
    },
    select: { mailboxId: true },
  });
}

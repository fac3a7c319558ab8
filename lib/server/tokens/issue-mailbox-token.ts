// Every one-time link we hand a customer (password reset, recovery-address confirmation, phone
// profile QR code) is a mailbox token: 256 random bits, only the SHA-256 of it stored, bound to
// one mailbox and one purpose, with an expiry. Issuing a new one voids every older unused token
// of the same purpose for that mailbox, so only the newest link works.
import { createHash, randomBytes } from "node:crypto";
import { db, type Tx } from "@/lib/server/db/client";

export type MailboxTokenPurpose = "password_reset" | "recovery_email_confirm" | "profile_link";

export function hashMailboxToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function issueMailboxToken(options: {
  mailboxId: number;
  purpose: MailboxTokenPurpose;
  ttlMs: number;
  requestIp?: string | null;
  /** Issue inside the caller's transaction (e.g. with the change the token confirms). */
  tx?: Tx;
}): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + options.ttlMs);
  const work = async (tx: Tx) => {
    await tx.passwordResetToken.updateMany({
      where: { mailboxId: options.mailboxId, purpose: options.purpose, usedAt: null },
      data: { usedAt: new Date() },
    });
    await tx.passwordResetToken.create({
      data: {
        mailboxId: options.mailboxId,
        tokenHash: hashMailboxToken(token),
        purpose: options.purpose,
        expiresAt,
        requestIp: options.requestIp ?? null,
      },
    });
  };
  if (options.tx) await work(options.tx);
  else await db().$transaction(work);
  return { token, expiresAt };
}

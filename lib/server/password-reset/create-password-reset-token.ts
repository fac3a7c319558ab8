// Password-reset tokens: 256 random bits, only the SHA-256 hash stored, 30 minutes, and a
// new token voids every older unused one for the mailbox.
import { createHash, randomBytes } from "node:crypto";
import { db, type Tx } from "@/lib/server/db/client";

export const RESET_TOKEN_TTL_MS = 30 * 60 * 1000;

export function hashResetToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function createPasswordResetToken(options: {
  mailboxId: number;
  requestIp?: string | null;
  tx?: Tx;
}): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + RESET_TOKEN_TTL_MS);
  const work = async (tx: Tx) => {
    await tx.passwordResetToken.updateMany({
      where: { mailboxId: options.mailboxId, purpose: "password_reset", usedAt: null },
      data: { usedAt: new Date() },
    });
    await tx.passwordResetToken.create({
      data: {
        mailboxId: options.mailboxId,
        tokenHash: hashResetToken(token),
        purpose: "password_reset",
        expiresAt,
        requestIp: options.requestIp ?? null,
      },
    });
  };
  if (options.tx) await work(options.tx);
  else await db().$transaction(work);
  return { token, expiresAt };
}

// Password-reset tokens: mailbox tokens (lib/server/tokens) valid for 30 minutes.
import type { Tx } from "@/lib/server/db/client";
import { issueMailboxToken } from "@/lib/server/tokens/issue-mailbox-token";

export const RESET_TOKEN_TTL_MS = 30 * 60 * 1000;

export function createPasswordResetToken(options: {
  mailboxId: number;
  requestIp?: string | null;
  tx?: Tx;
}): Promise<{ token: string; expiresAt: Date }> {
  return issueMailboxToken({ ...options, purpose: "password_reset", ttlMs: RESET_TOKEN_TTL_MS });
}

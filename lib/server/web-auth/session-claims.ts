// What a portal session token carries. Nothing secret: the mailbox id, the mailbox's session
// version when the session began, when it began, and whether a temporary password was used.
import { z } from "zod";

export const sessionClaimsSchema = z.object({
  mailboxId: z.number().int().positive(),
  sessionVersion: z.number().int().min(0),
  /** Seconds since the epoch when the customer signed in (absolute timeout). */
  signedInAt: z.number().int().positive(),
  usingTemporaryPassword: z.boolean(),
});

export type SessionClaims = z.infer<typeof sessionClaimsSchema>;

/** Claims from a decoded token, or null when it is not one of ours. */
export function parseSessionClaims(token: unknown): SessionClaims | null {
  const parsed = sessionClaimsSchema.safeParse(token);
  return parsed.success ? parsed.data : null;
}

// The per-request session check: a token is only as good as the mailbox row behind it. A
// password change or suspension bumps the mailbox's session version, so every older token
// is refused on its next request, whatever its own expiry says.
import { db } from "@/lib/server/db/client";
import type { MailProtocol } from "@/lib/generated/prisma/enums";
import { SESSION_ABSOLUTE_SECONDS } from "./session-policy";
import type { SessionClaims } from "./session-claims";

export type Customer = { id: number; address: string; preferredProtocol: MailProtocol };

export type WebSessionCheck =
  | { ok: true; customer: Customer; usingTemporaryPassword: boolean }
  | {
      ok: false;
      reason: "expired" | "unknown_mailbox" | "version_changed" | "suspended" | "domain_disabled";
    };

export async function checkWebSession(options: {
  claims: SessionClaims;
  /** Seconds since the epoch; defaults to now. */
  now?: number;
}): Promise<WebSessionCheck> {
  const { claims } = options;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (now - claims.signedInAt >= SESSION_ABSOLUTE_SECONDS || claims.signedInAt > now + 60)
    return { ok: false, reason: "expired" };
  const mailbox = await db().mailbox.findUnique({
    where: { id: claims.mailboxId },
    select: {
      id: true,
      address: true,
      preferredProtocol: true,
      sessionVersion: true,
      suspended: true,
      domain: { select: { active: true } },
    },
  });
  if (!mailbox) return { ok: false, reason: "unknown_mailbox" };
  if (mailbox.sessionVersion !== claims.sessionVersion)
    return { ok: false, reason: "version_changed" };
  if (mailbox.suspended) return { ok: false, reason: "suspended" };
  if (!mailbox.domain.active) return { ok: false, reason: "domain_disabled" };
  return {
    ok: true,
    customer: {
      id: mailbox.id,
      address: mailbox.address,
      preferredProtocol: mailbox.preferredProtocol,
    },
    usingTemporaryPassword: claims.usingTemporaryPassword,
  };
}

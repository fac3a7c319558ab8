import type { Env } from "@/lib/env";
import { db } from "@/lib/server/db/client";
import type { MailService, TransportSecurity } from "@/lib/generated/prisma/enums";

/** What customers are shown until an admin edits it: MAIL_HOSTNAME and the listener ports. */
export function defaultServerEndpoints(env: Env) {
  const rows: Array<{
    service: MailService;
    security: TransportSecurity;
    port: number;
    recommended: boolean;
  }> = [
    { service: "IMAP", security: "IMPLICIT_TLS", port: env.IMAPS_PORT, recommended: true },
    { service: "IMAP", security: "STARTTLS", port: env.IMAP_PORT, recommended: false },
    { service: "POP3", security: "IMPLICIT_TLS", port: env.POP3S_PORT, recommended: true },
    { service: "POP3", security: "STARTTLS", port: env.POP3_PORT, recommended: false },
    { service: "SMTP", security: "IMPLICIT_TLS", port: env.SMTPS_PORT, recommended: true },
    { service: "SMTP", security: "STARTTLS", port: env.SUBMISSION_PORT, recommended: false },
  ];
  return rows.map((r) => ({ ...r, hostname: env.MAIL_HOSTNAME }));
}

/** Inserts missing rows only: an admin's edits are never overwritten by a restart. */
export async function ensureServerEndpoints(env: Env): Promise<number> {
  const result = await db().serverEndpoint.createMany({
    data: defaultServerEndpoints(env),
    skipDuplicates: true,
  });
  return result.count;
}

import { db } from "@/lib/server/db/client";

export type Pop3SessionCheck = "valid" | "revoked";

/**
 * Whether an authenticated POP3 session may go on: one primary-key read, cheap enough for
 * every command. A password change or suspension bumps sessionVersion; POP3 access turned
 * off, a disabled domain or a deleted mailbox also end the session at its next command.
 * Raw SQL with a join: the same question through the ORM took about three times as long,
 * and it is asked before every command of a session (bench/pop3-vs-dovecot.ts).
 */
export async function checkPop3Session(options: {
  mailboxId: number;
  sessionVersion: number;
}): Promise<Pop3SessionCheck> {
  const rows = await db().$queryRaw<Array<{ valid: boolean }>>`
    SELECT (m."sessionVersion" = ${options.sessionVersion}::int
            AND NOT m.suspended AND m."pop3Enabled" AND d.active) AS valid
    FROM "Mailbox" m JOIN "Domain" d ON d.id = m."domainId"
    WHERE m.id = ${options.mailboxId}`;
  return rows[0]?.valid === true ? "valid" : "revoked";
}

import { pgPool } from "@/lib/server/db/client";

export type Pop3SessionCheck = "valid" | "revoked";

/**
 * Whether an authenticated POP3 session may go on: one primary-key read, cheap enough for
 * every command. A password change or suspension bumps sessionVersion; POP3 access turned
 * off, a disabled domain or a deleted mailbox also end the session at its next command.
 * Straight on the pg pool as a named (prepared once per connection) statement: it is asked
 * before every command of a session, so parse and plan are not paid each time, nor Prisma's
 * own overhead (bench/pop3-vs-dovecot.ts).
 */
export async function checkPop3Session(options: {
  mailboxId: number;
  sessionVersion: number;
}): Promise<Pop3SessionCheck> {
  const { rows } = await pgPool().query<{ valid: boolean }>({
    name: "pop3-session-check",
    text: `SELECT (m."sessionVersion" = $2::int AND NOT m.suspended AND m."pop3Enabled"
                   AND d.active) AS valid
           FROM "Mailbox" m JOIN "Domain" d ON d.id = m."domainId"
           WHERE m.id = $1::int`,
    values: [options.mailboxId, options.sessionVersion],
  });
  return rows[0]?.valid === true ? "valid" : "revoked";
}

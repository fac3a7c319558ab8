// Live enforcement for open IMAP sessions: a suspension, password change (both bump
// sessionVersion), IMAP switched off, the domain disabled or the mailbox deleted ends the session.
// This is the database's answer, read when the process cannot vouch for its cached one
// (lib/server/imap/live-session-checks.ts); the same round trip reads the selected folder's modseq.
import { pgPool } from "@/lib/server/db/client";

export type MailboxAccess = {
  /** null: the mailbox is gone. */
  domainId: number | null;
  /** May an IMAP session of this sessionVersion go on? */
  open: boolean;
  sessionVersion: number;
};

export type SessionCheck = {
  access: MailboxAccess;
  /** The selected folder's highest modseq; null if none was asked for or it is gone. */
  folderModseq: bigint | null;
};

const GONE: MailboxAccess = { domainId: null, open: false, sessionVersion: -1 };

export async function checkSession(options: {
  mailboxId: number;
  folderId?: number | null;
}): Promise<SessionCheck> {
  const { rows } = await pgPool().query<{
    domainId: number;
    open: boolean;
    sessionVersion: number;
    folderModseq: string | null;
  }>(
    `SELECT m."domainId", (NOT m.suspended AND m."imapEnabled" AND d.active) AS open,
            m."sessionVersion", f."highestModseq"::text AS "folderModseq"
     FROM "Mailbox" m
     JOIN "Domain" d ON d.id = m."domainId"
     LEFT JOIN "MailFolder" f ON f.id = $2::int AND f."mailboxId" = m.id
     WHERE m.id = $1`,
    [options.mailboxId, options.folderId ?? null],
  );
  const row = rows[0];
  if (!row) return { access: GONE, folderModseq: null };
  return {
    access: { domainId: row.domainId, open: row.open, sessionVersion: row.sessionVersion },
    folderModseq: row.folderModseq === null ? null : BigInt(row.folderModseq),
  };
}

// Live enforcement for open IMAP sessions, checked at every command: a suspension, password change
// (both bump sessionVersion), IMAP switched off or the domain disabled ends the session. The same
// round trip reads the selected folder's modseq, so an idle folder costs no further query.
import { db } from "@/lib/server/db/client";

export type SessionCheck = {
  valid: boolean;
  /** The selected folder's highest modseq; null if none was asked for or it is gone. */
  folderModseq: bigint | null;
};

export async function checkSession(options: {
  mailboxId: number;
  sessionVersion: number;
  folderId?: number | null;
}): Promise<SessionCheck> {
  const rows = await db().$queryRaw<Array<{ valid: boolean; folderModseq: bigint | null }>>`
    SELECT (NOT m.suspended AND m."imapEnabled" AND d.active
              AND m."sessionVersion" = ${options.sessionVersion}) AS valid,
           f."highestModseq" AS "folderModseq"
    FROM "Mailbox" m
    JOIN "Domain" d ON d.id = m."domainId"
    LEFT JOIN "MailFolder" f ON f.id = ${options.folderId ?? null}::int AND f."mailboxId" = m.id
    WHERE m.id = ${options.mailboxId}`;
  const row = rows[0];
  return { valid: !!row?.valid, folderModseq: row?.folderModseq ?? null };
}

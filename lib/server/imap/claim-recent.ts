// IMAP \Recent (RFC 3501 §2.3.2): a message is recent in exactly one session, the first to SELECT
// its folder (or, while selected, to notice it arrive) after it arrived. The folder row keeps the
// first UID nobody has claimed yet; a claim moves that floor up atomically across processes.
import { db } from "@/lib/server/db/client";

/**
 * Claims every UID below `upToUid` that no session has claimed yet. Returns the first UID this
 * call claimed: the caller's recent messages are those with from <= uid < upToUid (none when
 * from >= upToUid).
 */
export async function claimRecent(folderId: number, upToUid: number): Promise<number> {
  // The row lock in the subquery makes concurrent claims queue up; each sees the floor its
  // predecessor left, so no UID is handed to two sessions.
  const rows = await db().$queryRaw<Array<{ from: number }>>`
    UPDATE "MailFolder" AS f SET "recentUidFloor" = GREATEST(f."recentUidFloor", ${upToUid}::int)
    FROM (SELECT id, "recentUidFloor" FROM "MailFolder" WHERE id = ${folderId} FOR UPDATE) AS old
    WHERE f.id = old.id
    RETURNING old."recentUidFloor" AS "from"`;
  return rows[0]?.from ?? upToUid;
}

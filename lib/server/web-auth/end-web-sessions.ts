import { db } from "@/lib/server/db/client";

/**
 * Ends every portal session of a mailbox (sign out): the session version moves on, so a
 * copy of any earlier cookie, replayed, is refused. Mail clients are not affected.
 */
export async function endWebSessions(options: { mailboxId: number }): Promise<void> {
  await db().mailbox.updateMany({
    where: { id: options.mailboxId },
    data: { sessionVersion: { increment: 1 } },
  });
}

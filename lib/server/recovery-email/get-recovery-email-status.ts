import { db } from "@/lib/server/db/client";

export async function getRecoveryEmailStatus(mailboxId: number) {
  const mailbox = await db().mailbox.findUniqueOrThrow({
    where: { id: mailboxId },
    select: { recoveryEmail: true, recoveryEmailPending: true },
  });
  return { current: mailbox.recoveryEmail, pending: mailbox.recoveryEmailPending };
}

// The mailbox a public form ("forgot my settings", "forgot password") names, looked up with the
// same two queries whether or not it exists. (A Prisma relation include would add a query for
// the domain only when the mailbox exists: a difference in timing the visitor could measure.)
import { db } from "@/lib/server/db/client";

export type PublicRequestTarget = {
  mailbox: { id: number; recoveryEmail: string | null } | null;
  /** The mailbox exists, is not suspended, and its domain is active. */
  active: boolean;
};

export async function findPublicRequestTarget(address: string): Promise<PublicRequestTarget> {
  const [mailbox, domain] = await Promise.all([
    db().mailbox.findUnique({
      where: { address },
      select: { id: true, suspended: true, recoveryEmail: true },
    }),
    db().domain.findUnique({
      where: { name: address.slice(address.lastIndexOf("@") + 1) },
      select: { active: true },
    }),
  ]);
  return {
    mailbox: mailbox && { id: mailbox.id, recoveryEmail: mailbox.recoveryEmail },
    active: Boolean(mailbox && !mailbox.suspended && domain?.active),
  };
}

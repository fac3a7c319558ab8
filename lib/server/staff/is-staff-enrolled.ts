import { db } from "@/lib/server/db/client";

export async function isStaffEnrolled(staffId: number): Promise<boolean> {
  const staff = await db().staffUser.findUnique({
    where: { id: staffId },
    select: { totpSecret: true, totpEnabledAt: true },
  });
  return Boolean(staff?.totpSecret && staff.totpEnabledAt);
}

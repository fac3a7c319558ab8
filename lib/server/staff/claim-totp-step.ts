// RFC 6238 §5.2: a one-time password is accepted once. The step of the last accepted code is
// kept per staff member and only a later step can be claimed; the conditional update makes
// two simultaneous sign-ins with one code succeed at most once.
import { db } from "@/lib/server/db/client";

export async function claimTotpStep(staffId: number, step: number): Promise<boolean> {
  const claimed = await db().staffUser.updateMany({
    where: { id: staffId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return claimed.count === 1;
}

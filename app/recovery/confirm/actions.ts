"use server";

import { after } from "next/server";
import { WRONG_ORIGIN_MESSAGE } from "@/components/form-state";
import { isAppError } from "@/lib/server/errors/app-error";
import { notifySecurityEventSafely } from "@/lib/server/notifications/notify-security-event";
import { confirmRecoveryEmailChange } from "@/lib/server/recovery-email/change-recovery-email";
import { requestClientIp, requestIsSameOrigin } from "@/lib/server/web-auth/request-guards";

export type ConfirmState = { done?: string; error?: string };

export async function confirmRecoveryAction(
  _prev: ConfirmState,
  form: FormData,
): Promise<ConfirmState> {
  if (!(await requestIsSameOrigin())) return { error: WRONG_ORIGIN_MESSAGE };
  const ip = await requestClientIp();
  try {
    const change = await confirmRecoveryEmailChange({ token: String(form.get("token") ?? ""), ip });
    // The old address hears about it too: if this was not the owner, they can act.
    after(() =>
      notifySecurityEventSafely({
        mailboxId: change.mailboxId,
        event: { kind: "recovery_email_changed", newAddress: change.newEmail },
        ip,
        extraRecipients: change.oldEmail ? [change.oldEmail] : [],
      }),
    );
    return { done: change.newEmail ?? "" };
  } catch (error) {
    if (isAppError(error)) return { error: error.message };
    throw error;
  }
}

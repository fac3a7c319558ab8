"use server";

import { after } from "next/server";
import { WRONG_ORIGIN_MESSAGE } from "@/components/form-state";
import { isAppError } from "@/lib/server/errors/app-error";
import { sendMail } from "@/lib/server/mail/send-mail";
import { requestRecoveryEmailChange } from "@/lib/server/recovery-email/change-recovery-email";
import { requestClientIp, requestIsSameOrigin } from "@/lib/server/web-auth/request-guards";
import { requireCustomer } from "@/lib/server/web-auth/require-customer";

export type RecoveryState = {
  sentTo?: string;
  message?: string;
  fieldErrors?: { currentPassword?: string; newEmail?: string };
};

export async function changeRecoveryAction(
  _prev: RecoveryState,
  form: FormData,
): Promise<RecoveryState> {
  if (!(await requestIsSameOrigin())) return { message: WRONG_ORIGIN_MESSAGE };
  const customer = await requireCustomer();
  try {
    const email = await requestRecoveryEmailChange({
      mailboxId: customer.id,
      currentPassword: String(form.get("currentPassword") ?? ""),
      newEmail: String(form.get("newEmail") ?? "").slice(0, 320),
      ip: await requestClientIp(),
    });
    after(() =>
      sendMail(email).catch((e) =>
        console.error("[recovery] confirmation not sent:", (e as Error).message),
      ),
    );
    return { sentTo: email.to };
  } catch (error) {
    if (isAppError(error) && (error.field === "currentPassword" || error.field === "newEmail"))
      return { fieldErrors: { [error.field]: error.message } };
    throw error;
  }
}

"use server";

import { after } from "next/server";
import { isAppError } from "@/lib/server/errors/app-error";
import { sendMail } from "@/lib/server/mail/send-mail";
import { requestPasswordReset } from "@/lib/server/password-reset/request-password-reset";
import { clientIp } from "@/lib/server/web/client-ip";

export type ForgotPasswordState = { done?: boolean; fieldErrors?: { address?: string } };

export async function forgotPasswordAction(
  _prev: ForgotPasswordState,
  form: FormData,
): Promise<ForgotPasswordState> {
  try {
    const email = await requestPasswordReset({
      address: String(form.get("address") ?? "").slice(0, 320),
      ip: await clientIp(),
    });
    // Sending happens after the answer, so the answer's timing is the same for every address.
    if (email)
      after(() =>
        sendMail(email).catch((e) => console.error("[reset] link not sent:", (e as Error).message)),
      );
    return { done: true };
  } catch (error) {
    if (isAppError(error) && error.code === "INVALID_INPUT")
      return { fieldErrors: { address: error.message } };
    throw error;
  }
}

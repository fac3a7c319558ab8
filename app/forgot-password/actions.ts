"use server";

import { WRONG_ORIGIN_MESSAGE } from "@/components/form-state";
import { after } from "next/server";
import { isAppError } from "@/lib/server/errors/app-error";
import { requestPasswordReset } from "@/lib/server/password-reset/request-password-reset";
import { requestClientIp, requestIsSameOrigin } from "@/lib/server/web-auth/request-guards";
import { deliverPasswordResetsNow } from "@/lib/server/workers/start-portal-workers";

export type ForgotPasswordState = { done?: boolean; fieldErrors?: { address?: string } };

export async function forgotPasswordAction(
  _prev: ForgotPasswordState,
  form: FormData,
): Promise<ForgotPasswordState> {
  if (!(await requestIsSameOrigin())) return { fieldErrors: { address: WRONG_ORIGIN_MESSAGE } };
  try {
    await requestPasswordReset({
      address: String(form.get("address") ?? "").slice(0, 320),
      ip: await requestClientIp(),
    });
    // The request is queued; the token is issued and sent by the queue right after the answer,
    // so the answer's timing is the same for every address
    // (tests/password-reset/answer-timing.test.ts) and a failed send is retried.
    after(deliverPasswordResetsNow);
    return { done: true };
  } catch (error) {
    if (isAppError(error) && error.code === "INVALID_INPUT")
      return { fieldErrors: { address: error.message } };
    throw error;
  }
}

"use server";

import { WRONG_ORIGIN_MESSAGE } from "@/components/form-state";
import { after } from "next/server";
import { headers } from "next/headers";
import { isAppError } from "@/lib/server/errors/app-error";
import { requestSettingsEmail } from "@/lib/server/settings-request/request-settings-email";
import { requestClientIp, requestIsSameOrigin } from "@/lib/server/web-auth/request-guards";
import { runPortalWorkersOnce } from "@/lib/server/workers/start-portal-workers";

// The answer carries nothing about the address, not even the address itself (the form shows
// what was typed): answers for a mailbox and for no mailbox are byte for byte the same.
export type ForgotSettingsState = { done?: true; fieldErrors?: { address?: string } };

export async function requestSettingsAction(
  _prev: ForgotSettingsState,
  form: FormData,
): Promise<ForgotSettingsState> {
  if (!(await requestIsSameOrigin())) return { fieldErrors: { address: WRONG_ORIGIN_MESSAGE } };
  try {
    await requestSettingsEmail({
      address: String(form.get("address") ?? "").slice(0, 320),
      ip: await requestClientIp(),
      userAgent: (await headers()).get("user-agent")?.slice(0, 500) ?? null,
    });
    // Drawing and sending happen in the queue worker, right after the answer has gone out, so
    // the answer's timing says nothing (tests/settings-request/answer-timing.test.ts).
    after(runPortalWorkersOnce);
    return { done: true };
  } catch (error) {
    if (isAppError(error) && error.code === "INVALID_INPUT")
      return { fieldErrors: { address: error.message } };
    throw error;
  }
}

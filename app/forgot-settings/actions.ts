"use server";

import { after } from "next/server";
import { isAppError } from "@/lib/server/errors/app-error";
import { requestSettingsEmail } from "@/lib/server/settings-request/request-settings-email";
import { clientIp } from "@/lib/server/web/client-ip";
import { runPortalWorkersOnce } from "@/lib/server/workers/start-portal-workers";

export type ForgotSettingsState = {
  done?: { address: string };
  fieldErrors?: { address?: string };
};

export async function requestSettingsAction(
  _prev: ForgotSettingsState,
  form: FormData,
): Promise<ForgotSettingsState> {
  const raw = form.get("address");
  try {
    const address = String(raw ?? "").slice(0, 320);
    await requestSettingsEmail({ address, ip: await clientIp() });
    // Send right after the answer has gone out, so the answer's timing says nothing.
    after(runPortalWorkersOnce);
    return { done: { address: address.trim().toLowerCase() } };
  } catch (error) {
    if (isAppError(error) && error.code === "INVALID_INPUT")
      return { fieldErrors: { address: error.message } };
    throw error;
  }
}

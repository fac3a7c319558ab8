"use server";

import { after } from "next/server";
import { isAppError } from "@/lib/server/errors/app-error";
import { notifySecurityEventSafely } from "@/lib/server/notifications/notify-security-event";
import { resetPasswordWithToken } from "@/lib/server/password-reset/reset-password-with-token";
import { clientIp } from "@/lib/server/web/client-ip";

export type ResetPasswordState = {
  done?: boolean;
  fieldErrors?: { password?: string; confirm?: string; token?: string };
};

export async function resetPasswordAction(
  _prev: ResetPasswordState,
  form: FormData,
): Promise<ResetPasswordState> {
  const token = String(form.get("token") ?? "");
  const password = String(form.get("password") ?? "");
  if (password !== String(form.get("confirm") ?? ""))
    return { fieldErrors: { confirm: "The two passwords are not the same." } };
  const ip = await clientIp();
  try {
    const mailbox = await resetPasswordWithToken({ token, password, ip });
    after(() =>
      notifySecurityEventSafely({ mailboxId: mailbox.id, event: { kind: "password_reset" }, ip }),
    );
    return { done: true };
  } catch (error) {
    if (isAppError(error) && error.field === "token")
      return { fieldErrors: { token: error.message } };
    if (isAppError(error) && (error.code === "WEAK_PASSWORD" || error.code === "INVALID_INPUT"))
      return { fieldErrors: { password: error.message } };
    throw error;
  }
}

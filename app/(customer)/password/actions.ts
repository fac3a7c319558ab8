"use server";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { notifySecurityEventSafely } from "@/lib/server/notifications/notify-security-event";
import { z } from "zod";
import { WRONG_ORIGIN_MESSAGE, type FormState } from "@/components/form-state";
import { isAppError } from "@/lib/server/errors/app-error";
import { changeMailboxPassword } from "@/lib/server/mailbox/change-mailbox-password";
import { passwordProblem } from "@/lib/server/password/check-password-policy";
import { requestClientIp, requestIsSameOrigin } from "@/lib/server/web-auth/request-guards";
import { requireCustomerSession } from "@/lib/server/web-auth/require-customer";
import { writeSessionCookie } from "@/lib/server/web-auth/session-cookie";

type Field = "currentPassword" | "newPassword" | "confirmPassword";
export type ChangePasswordState = FormState<Field>;

function changePasswordSchema(address: string) {
  return z
    .object({
      currentPassword: z.string().min(1, "Enter your current password."),
      newPassword: z.string().min(1, "Enter a new password."),
      confirmPassword: z.string().min(1, "Type the new password a second time."),
    })
    .superRefine((data, ctx) => {
      const problem = data.newPassword ? passwordProblem(data.newPassword, address) : null;
      if (problem) ctx.addIssue({ code: "custom", path: ["newPassword"], message: problem });
      if (data.confirmPassword && data.newPassword !== data.confirmPassword)
        ctx.addIssue({
          code: "custom",
          path: ["confirmPassword"],
          message: "This is not the same as the new password above.",
        });
    });
}

export async function changePasswordAction(
  _previous: ChangePasswordState,
  formData: FormData,
): Promise<ChangePasswordState> {
  if (!(await requestIsSameOrigin())) return { status: "error", message: WRONG_ORIGIN_MESSAGE };
  const session = await requireCustomerSession();
  const text = (name: Field) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : "";
  };
  const parsed = changePasswordSchema(session.customer.address).safeParse({
    currentPassword: text("currentPassword"),
    newPassword: text("newPassword"),
    confirmPassword: text("confirmPassword"),
  });
  if (!parsed.success) {
    const fieldErrors: ChangePasswordState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as Field;
      fieldErrors[field] ??= issue.message;
    }
    return { status: "error", message: "Please correct the marked fields.", fieldErrors };
  }

  let sessionVersion: number;
  const ip = await requestClientIp();
  try {
    ({ sessionVersion } = await changeMailboxPassword({
      mailboxId: session.customer.id,
      currentPassword: parsed.data.currentPassword,
      newPassword: parsed.data.newPassword,
      ip,
    }));
  } catch (error) {
    if (!isAppError(error)) throw error;
    const field = error.field as Field | undefined;
    return field
      ? {
          status: "error",
          message: "Please correct the marked fields.",
          fieldErrors: { [field]: error.message },
        }
      : { status: "error", message: error.message };
  }

  // "This wasn't me" notice to the mailbox and its recovery address, after the answer.
  after(() =>
    notifySecurityEventSafely({
      mailboxId: session.customer.id,
      event: { kind: "password_changed" },
      ip,
    }),
  );
  // Every other session is dead now; this one carries on with the new version.
  await writeSessionCookie({
    ...session.claims,
    sessionVersion,
    usingTemporaryPassword: false,
  });
  if (session.usingTemporaryPassword) redirect("/settings?password=changed");
  return {
    status: "saved",
    message:
      "Your password is changed. Use the new password in your email programs too. Every other browser signed in here has been signed out.",
  };
}

"use client";

import { useActionState } from "react";
import { DoneNotice } from "@/components/forms/done-notice";
import { SubmitButton, TextField } from "@/components/forms/text-field";
import { forgotPasswordAction, type ForgotPasswordState } from "./actions";

export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState<ForgotPasswordState, FormData>(
    forgotPasswordAction,
    {},
  );
  if (state.done)
    return (
      <DoneNotice>
        If that mailbox has a recovery address, a link to choose a new password is on its way there.
        The link works once, for 30 minutes.
      </DoneNotice>
    );
  return (
    <form action={action} className="mt-8 space-y-4" noValidate>
      <TextField
        name="address"
        label="Email address"
        type="email"
        autoComplete="username"
        error={state.fieldErrors?.address}
      />
      <SubmitButton pending={pending}>Send me a reset link</SubmitButton>
    </form>
  );
}

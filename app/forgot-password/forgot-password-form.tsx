"use client";

import { useActionState } from "react";
import { SubmitButton, TextField } from "@/components/forms/text-field";
import { forgotPasswordAction, type ForgotPasswordState } from "./actions";

export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState<ForgotPasswordState, FormData>(
    forgotPasswordAction,
    {},
  );
  if (state.done)
    return (
      <p role="status" className="mt-8 rounded border border-green-300 bg-green-50 p-4 text-lg">
        If that mailbox has a recovery address, a link to choose a new password is on its way there.
        The link works once, for 30 minutes.
      </p>
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

"use client";

import Link from "next/link";
import { useActionState } from "react";
import { DoneNotice } from "@/components/forms/done-notice";
import { SubmitButton, TextField } from "@/components/forms/text-field";
import { resetPasswordAction, type ResetPasswordState } from "./actions";

export function ResetPasswordForm({ token, address }: { token: string; address: string }) {
  const [state, action, pending] = useActionState<ResetPasswordState, FormData>(
    resetPasswordAction,
    {},
  );
  if (state.done)
    return (
      <DoneNotice>
        Your password is changed. Use it now in your email programs too.{" "}
        <Link href="/login" className="text-blue-700 underline">
          Sign in
        </Link>
      </DoneNotice>
    );
  return (
    <form action={action} className="mt-8 space-y-4" noValidate>
      <p>
        New password for <strong>{address}</strong>
      </p>
      {state.fieldErrors?.token && <p className="text-red-700">{state.fieldErrors.token}</p>}
      <input type="hidden" name="token" value={token} />
      <TextField
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters. Spaces and any letters are fine; a few words make a good password."
        error={state.fieldErrors?.password}
      />
      <TextField
        name="confirm"
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        error={state.fieldErrors?.confirm}
      />
      <SubmitButton pending={pending}>Set new password</SubmitButton>
    </form>
  );
}

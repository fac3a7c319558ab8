"use client";

import { useActionState } from "react";
import { DoneNotice } from "@/components/forms/done-notice";
import { SubmitButton, TextField } from "@/components/forms/text-field";
import { changeRecoveryAction, type RecoveryState } from "./actions";

export function RecoveryForm() {
  const [state, action, pending] = useActionState<RecoveryState, FormData>(
    changeRecoveryAction,
    {},
  );
  if (state.sentTo)
    return (
      <DoneNotice spacing="mt-6">
        We sent a confirmation link to <strong>{state.sentTo}</strong>. The new recovery address is
        used once you open that link (within 24 hours).
      </DoneNotice>
    );
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      {state.message && <p className="text-red-700">{state.message}</p>}
      <TextField
        name="newEmail"
        label="New recovery address"
        type="email"
        autoComplete="email"
        hint="Another email address of yours, at a different provider if you can."
        error={state.fieldErrors?.newEmail}
      />
      <TextField
        name="currentPassword"
        label="Current password"
        type="password"
        autoComplete="current-password"
        error={state.fieldErrors?.currentPassword}
      />
      <SubmitButton pending={pending}>Send confirmation link</SubmitButton>
    </form>
  );
}

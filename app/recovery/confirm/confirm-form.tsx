"use client";

import { useActionState } from "react";
import { DoneNotice } from "@/components/forms/done-notice";
import { SubmitButton } from "@/components/forms/text-field";
import { confirmRecoveryAction, type ConfirmState } from "./actions";

export function ConfirmRecoveryForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<ConfirmState, FormData>(
    confirmRecoveryAction,
    {},
  );
  if (state.done !== undefined)
    return (
      <DoneNotice spacing="mt-6">
        Confirmed: <strong>{state.done}</strong> is now the recovery address.
      </DoneNotice>
    );
  return (
    <form action={action} className="mt-6 space-y-4">
      {state.error && <p className="text-red-700">{state.error}</p>}
      <input type="hidden" name="token" value={token} />
      <SubmitButton pending={pending}>Confirm this recovery address</SubmitButton>
    </form>
  );
}

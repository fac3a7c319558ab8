"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/forms/text-field";
import { confirmRecoveryAction, type ConfirmState } from "./actions";

export function ConfirmRecoveryForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<ConfirmState, FormData>(
    confirmRecoveryAction,
    {},
  );
  if (state.done !== undefined)
    return (
      <p role="status" className="mt-6 rounded border border-green-300 bg-green-50 p-4 text-lg">
        Confirmed: <strong>{state.done}</strong> is now the recovery address.
      </p>
    );
  return (
    <form action={action} className="mt-6 space-y-4">
      {state.error && <p className="text-red-700">{state.error}</p>}
      <input type="hidden" name="token" value={token} />
      <SubmitButton pending={pending}>Confirm this recovery address</SubmitButton>
    </form>
  );
}

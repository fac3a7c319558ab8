"use client";

import { useActionState, useState } from "react";
import { DoneNotice } from "@/components/forms/done-notice";
import { requestSettingsAction, type ForgotSettingsState } from "./actions";

export function ForgotSettingsForm() {
  const [state, action, pending] = useActionState<ForgotSettingsState, FormData>(
    requestSettingsAction,
    {},
  );
  const [typed, setTyped] = useState("");
  if (state.done) {
    return (
      <DoneNotice>
        If <strong>{typed.trim().toLowerCase()}</strong> is a mailbox with us, its settings are on
        their way to it (and to its recovery address, if it has one). It can take a few minutes. The
        email never contains a password.
      </DoneNotice>
    );
  }
  return (
    <form action={action} className="mt-8 space-y-4" noValidate>
      <div>
        <label htmlFor="address" className="block font-medium">
          Email address
        </label>
        <input
          id="address"
          name="address"
          type="email"
          autoComplete="email"
          required
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          aria-invalid={Boolean(state.fieldErrors?.address)}
          aria-describedby={state.fieldErrors?.address ? "address-error" : undefined}
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2 text-lg"
        />
        {state.fieldErrors?.address && (
          <p id="address-error" className="mt-1 text-red-700">
            {state.fieldErrors.address}
          </p>
        )}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-blue-700 px-4 py-3 text-lg font-semibold text-white disabled:opacity-60"
      >
        Email me my settings
      </button>
    </form>
  );
}

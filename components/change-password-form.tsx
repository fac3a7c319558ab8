"use client";
import { useActionState } from "react";
import type { FormState } from "./form-state";
import { PasswordField } from "./password-field";

type Field = "currentPassword" | "newPassword" | "confirmPassword";
type Action = (state: FormState<Field>, data: FormData) => Promise<FormState<Field>>;

export function ChangePasswordForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <PasswordField
        id="currentPassword"
        label="Current password"
        autoComplete="current-password"
        error={errors.currentPassword}
      />
      <PasswordField
        id="newPassword"
        label="New password"
        autoComplete="new-password"
        hint="At least 8 characters. Spaces and any letters or symbols are welcome: a short sentence is easy to remember. Not a common password, and not your own mailbox or domain name."
        error={errors.newPassword}
      />
      <PasswordField
        id="confirmPassword"
        label="Confirm new password"
        autoComplete="new-password"
        hint="Type the new password once more."
        error={errors.confirmPassword}
      />
      <button
        type="submit"
        disabled={pending}
        className="min-h-12 w-full rounded-lg bg-blue-700 px-4 text-lg font-semibold text-white hover:bg-blue-800 disabled:opacity-60 sm:w-auto"
      >
        {pending ? "Changing…" : "Change password"}
      </button>
      <div role="status" aria-live="polite">
        {state.status === "saved" ? (
          <p className="rounded-lg border-l-4 border-green-700 bg-green-50 p-3 font-semibold text-green-900">
            {state.message}
          </p>
        ) : null}
      </div>
      {state.status === "error" && state.message ? (
        <p role="alert" className="font-semibold text-red-800">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}

"use client";
import Link from "next/link";
import { useActionState } from "react";
import { initialActionState, type ActionState } from "./action-state";

export function EnrolForm({
  action,
  enrolled,
}: {
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
  enrolled: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  if (state.codes)
    return (
      <section className="mt-6 rounded border border-yellow-400 bg-yellow-50 p-4">
        <h2 className="text-lg font-semibold">Your backup codes</h2>
        <p className="mt-1">
          Each code works once, instead of the authenticator code. Store them somewhere safe now:
          they are shown only this once.
        </p>
        <ol data-testid="backup-codes" className="mt-3 grid grid-cols-2 gap-1 font-mono text-lg">
          {state.codes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ol>
        <p className="mt-4">
          <Link className="font-semibold text-blue-700 underline" href="/admin">
            Continue to the admin area
          </Link>
        </p>
      </section>
    );
  if (enrolled) return null;
  const error = state.fieldErrors?.code?.join(" ") ?? state.error;
  return (
    <form action={formAction} className="mt-6 space-y-3" noValidate>
      <div>
        <label htmlFor="enrol-code" className="block font-medium">
          Authentication code
        </label>
        <input
          id="enrol-code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "enrol-code-error" : undefined}
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
        />
        {error && (
          <p id="enrol-code-error" role="alert" className="mt-1 text-red-700">
            {error}
          </p>
        )}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-blue-700 px-3 py-2 font-semibold text-white"
      >
        Turn on two-step sign-in
      </button>
    </form>
  );
}

"use client";
import { useActionState } from "react";
import type { FormState } from "./form-state";

type Action = (state: FormState<"protocol">, data: FormData) => Promise<FormState<"protocol">>;

const CHOICES = [
  {
    value: "IMAP",
    title: "Keep my mail on the server (IMAP)",
    consequence:
      "Your mail stays on the server, so your phone, tablet and computer all show the same messages and folders. Best if you read mail on more than one device.",
  },
  {
    value: "POP3",
    title: "Download my mail to one computer (POP3)",
    consequence:
      "Your program moves your mail onto this one computer and empties the mailbox on the server. Other devices will no longer see those messages.",
  },
] as const;

export function ProtocolChoiceForm({
  action,
  current,
}: {
  action: Action;
  current: "IMAP" | "POP3";
}) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  return (
    <form action={formAction} className="space-y-3">
      <fieldset aria-describedby={state.fieldErrors?.protocol ? "protocol-error" : undefined}>
        <legend className="text-lg font-semibold">
          How should your email program collect mail?
        </legend>
        <div className="mt-3 space-y-3">
          {CHOICES.map((choice) => (
            <label
              key={choice.value}
              className="flex min-h-11 cursor-pointer gap-3 rounded-lg border border-slate-300 bg-white p-3 has-[:checked]:border-blue-700 has-[:checked]:ring-2 has-[:checked]:ring-blue-700"
            >
              <input
                type="radio"
                name="protocol"
                value={choice.value}
                defaultChecked={choice.value === current}
                className="mt-1 size-5 shrink-0 accent-blue-700"
              />
              <span>
                <span className="block font-semibold">{choice.title}</span>
                <span className="block text-slate-700">{choice.consequence}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {state.fieldErrors?.protocol ? (
        <p id="protocol-error" className="font-semibold text-red-800">
          {state.fieldErrors.protocol}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="min-h-12 w-full rounded-lg bg-blue-700 px-4 font-semibold text-white hover:bg-blue-800 disabled:opacity-60 sm:w-auto"
      >
        {pending ? "Saving…" : "Save my choice"}
      </button>
      <p role="status" className="font-semibold text-green-800">
        {state.status === "saved" ? state.message : ""}
      </p>
      {state.status === "error" && state.message ? (
        <p role="alert" className="font-semibold text-red-800">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}

"use client";
// One walkthrough step's words on the admin editor: title and text, saved together, and a
// reset to the default when staff have changed them.
import { AdminForm, FieldErrorsFor } from "./admin-form";
import type { ActionState } from "./action-state";

type Action = (s: ActionState, f: FormData) => Promise<ActionState>;

export type StepTextFormProps = {
  clientId: string;
  protocol: "IMAP" | "POP3";
  step: {
    stepId: string;
    number: number;
    defaultTitle: string;
    defaultText: string;
    override: { title: string; text: string; updatedAt: string } | null;
  };
  save: Action;
  reset: Action;
  /** The page was reloaded after this step's reset (its reset form is gone with the override). */
  justReset?: boolean;
};

export function StepTextForm({
  clientId,
  protocol,
  step,
  save,
  reset,
  justReset = false,
}: StepTextFormProps) {
  const key = { clientId, stepId: step.stepId, protocol };
  const id = `step-${step.stepId}`;
  const input = "mt-1 w-full rounded border border-slate-300 px-3 py-2";
  return (
    <fieldset className="rounded border border-slate-300 p-3" data-step-id={step.stepId}>
      <legend className="px-1 font-semibold">
        Step {step.number} <span className="font-mono text-sm text-slate-600">{step.stepId}</span>
        {step.override ? (
          <span className="ml-2 rounded bg-amber-100 px-2 text-sm text-amber-900">
            edited {step.override.updatedAt.slice(0, 16).replace("T", " ")} UTC
          </span>
        ) : null}
      </legend>
      <AdminForm action={save} hidden={key} submitLabel={`Save step ${step.number}`}>
        {/* New words from the server (after a save or reset) replace what the inputs show,
            while the form's own result message stays. */}
        <div key={step.override?.updatedAt ?? "default"} className="space-y-3">
          <div>
            <label htmlFor={`${id}-title`} className="block font-medium">
              Title of step {step.number}
            </label>
            <input
              id={`${id}-title`}
              name="title"
              defaultValue={step.override?.title ?? step.defaultTitle}
              className={input}
            />
            <FieldErrorsFor name="title" />
          </div>
          <div>
            <label htmlFor={`${id}-text`} className="block font-medium">
              Text of step {step.number}
            </label>
            <textarea
              id={`${id}-text`}
              name="text"
              rows={4}
              defaultValue={step.override?.text ?? step.defaultText}
              className={input}
            />
            <FieldErrorsFor name="text" />
          </div>
        </div>
      </AdminForm>
      {justReset ? (
        <p role="status" className="mt-2 text-green-800">
          Step {step.number} shows its default words again.
        </p>
      ) : null}
      {step.override ? (
        <div className="mt-3 border-t border-slate-200 pt-3">
          <details>
            <summary className="cursor-pointer text-sm text-slate-700">Default words</summary>
            <p className="mt-1 text-sm font-semibold">{step.defaultTitle}</p>
            <p className="text-sm whitespace-pre-line">{step.defaultText}</p>
          </details>
          <AdminForm
            action={reset}
            hidden={key}
            submitLabel={`Reset step ${step.number} to default`}
            danger
            className="mt-2"
          />
        </div>
      ) : null}
    </fieldset>
  );
}

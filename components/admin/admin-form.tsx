"use client";
// A form bound to an admin server action: shows the result, field errors next to their
// inputs, and any one-time value (temporary password, backup codes) exactly once.
import { createContext, useActionState, useContext } from "react";
import { initialActionState, type ActionState } from "./action-state";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

const FieldErrorsContext = createContext<ActionState["fieldErrors"]>(undefined);

export function AdminForm({
  action,
  submitLabel,
  children,
  hidden = {},
  danger = false,
  className = "",
  inline = false,
}: {
  action: Action;
  submitLabel: string;
  children?: React.ReactNode;
  hidden?: Record<string, string | number>;
  danger?: boolean;
  className?: string;
  inline?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  return (
    <form action={formAction} className={className} noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={String(value)} />
      ))}
      <FieldErrorsContext.Provider value={state.fieldErrors}>
        <div className={inline ? "flex flex-wrap items-end gap-2" : "space-y-3"}>
          {children}
          <button
            type="submit"
            disabled={pending}
            className={`rounded px-3 py-2 font-semibold text-white focus:ring-2 focus:ring-offset-2 focus:outline-none disabled:opacity-60 ${
              danger ? "bg-red-700 hover:bg-red-800" : "bg-blue-700 hover:bg-blue-800"
            }`}
          >
            {pending ? "Working…" : submitLabel}
          </button>
        </div>
      </FieldErrorsContext.Provider>
      <div aria-live="polite">
        {state.error && (
          <p role="alert" className="mt-2 text-red-700">
            {state.error}
          </p>
        )}
        {state.ok && (
          <p role="status" className="mt-2 text-green-800">
            {state.ok}
          </p>
        )}
        {state.secret && (
          <p className="mt-2">
            <code
              data-testid="one-time-secret"
              className="rounded bg-yellow-100 px-2 py-1 font-mono text-lg"
            >
              {state.secret}
            </code>
          </p>
        )}
        {state.codes && (
          <ol data-testid="backup-codes" className="mt-2 grid grid-cols-2 gap-1 font-mono">
            {state.codes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ol>
        )}
      </div>
    </form>
  );
}

/** A labelled input whose errors come from the surrounding AdminForm's last result. */
export function Field({
  name,
  label,
  type = "text",
  defaultValue,
  hint,
  required,
  autoComplete,
  autoFocus,
  inputMode,
}: {
  name: string;
  label: string;
  type?: string;
  defaultValue?: string | number;
  hint?: string;
  required?: boolean;
  autoComplete?: string;
  autoFocus?: boolean;
  inputMode?: "numeric" | "text" | "email";
}) {
  const errors = useContext(FieldErrorsContext)?.[name];
  const id = `field-${name}`;
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      )}
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        required={required}
        autoComplete={autoComplete}
        autoFocus={autoFocus}
        inputMode={inputMode}
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? `${id}-error` : hint ? `${id}-hint` : undefined}
        className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
      />
      {errors && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {errors.join(" ")}
        </p>
      )}
    </div>
  );
}

export function FieldErrorsFor({ name }: { name: string }) {
  const errors = useContext(FieldErrorsContext)?.[name];
  return errors ? <p className="mt-1 text-sm text-red-700">{errors.join(" ")}</p> : null;
}

// A labelled input with its field error, for every form in the portal.
export function TextField(props: {
  name: string;
  label: string;
  type?: string;
  autoComplete?: string;
  error?: string;
  hint?: string;
}) {
  const errorId = `${props.name}-error`;
  return (
    <div>
      <label htmlFor={props.name} className="block font-medium">
        {props.label}
      </label>
      {props.hint && <p className="text-sm text-slate-600">{props.hint}</p>}
      <input
        id={props.name}
        name={props.name}
        type={props.type ?? "text"}
        autoComplete={props.autoComplete}
        required
        aria-invalid={Boolean(props.error)}
        aria-describedby={props.error ? errorId : undefined}
        className="mt-1 w-full rounded border border-slate-300 px-3 py-2 text-lg"
      />
      {props.error && (
        <p id={errorId} className="mt-1 text-red-700">
          {props.error}
        </p>
      )}
    </div>
  );
}

export function SubmitButton(props: { pending: boolean; children: React.ReactNode }) {
  return (
    <button
      type="submit"
      disabled={props.pending}
      className="w-full rounded bg-blue-700 px-4 py-3 text-lg font-semibold text-white disabled:opacity-60"
    >
      {props.children}
    </button>
  );
}

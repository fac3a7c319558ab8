/** A labelled password input with its hint and error tied to it for screen readers. */
export function PasswordField({
  id,
  label,
  autoComplete,
  hint,
  error,
}: {
  id: string;
  label: string;
  autoComplete: "current-password" | "new-password";
  hint?: string;
  error?: string;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div>
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-700">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={id}
        type="password"
        autoComplete={autoComplete}
        required
        maxLength={1024}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className="mt-1 min-h-12 w-full rounded-lg border border-slate-400 bg-white px-3 text-lg aria-[invalid=true]:border-red-700"
      />
      {error ? (
        <p id={`${id}-error`} className="mt-1 font-semibold text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}

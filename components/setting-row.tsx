import { CopyButton } from "./copy-button";

/** One value the customer types into their email program, with a copy button and a plain explanation. */
export function SettingRow({
  name,
  value,
  explanation,
  copyLabel,
  testId,
}: {
  name: string;
  value: string;
  explanation?: React.ReactNode;
  copyLabel: string;
  testId?: string;
}) {
  return (
    <div className="border-t border-slate-200 py-3 first:border-t-0">
      <dt className="text-sm font-semibold text-slate-700">{name}</dt>
      <dd className="mt-1">
        <div className="flex items-center justify-between gap-3">
          <code
            data-testid={testId}
            className="min-w-0 break-all rounded bg-slate-100 px-2 py-1 font-mono text-lg text-slate-900"
          >
            {value}
          </code>
          <CopyButton value={value} label={copyLabel} />
        </div>
        {explanation ? <p className="mt-1 text-sm text-slate-700">{explanation}</p> : null}
      </dd>
    </div>
  );
}

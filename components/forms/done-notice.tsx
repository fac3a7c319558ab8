import type { ReactNode } from "react";

/** Replaces a public or customer form once it has done its work: what happened, what next. */
export function DoneNotice({
  children,
  spacing = "mt-8",
}: {
  children: ReactNode;
  spacing?: string;
}) {
  return (
    <div
      role="status"
      className={`${spacing} rounded border border-green-300 bg-green-50 p-4 text-lg`}
    >
      {children}
    </div>
  );
}

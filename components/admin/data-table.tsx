import type { ReactNode } from "react";

/** The admin area's list table: a header row of column names, then the caller's rows. */
export function DataTable({
  headings,
  className = "",
  children,
}: {
  /** Column names; "" for a column without a heading (actions). */
  headings: string[];
  className?: string;
  children: ReactNode;
}) {
  return (
    <table className={`w-full border-collapse text-left ${className}`.trim()}>
      <thead>
        <tr className="border-b">
          {headings.map((heading, i) => (
            <th key={`${i}:${heading}`} className={i === 0 ? "py-1" : undefined}>
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

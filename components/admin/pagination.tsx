import Link from "next/link";

/** Previous / next links that keep the other query parameters. */
export function Pagination({
  page,
  pageCount,
  basePath,
  params,
}: {
  page: number;
  pageCount: number;
  basePath: string;
  params: Record<string, string | undefined>;
}) {
  if (pageCount <= 1) return null;
  const href = (p: number) => {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) query.set(k, v);
    query.set("page", String(p));
    return `${basePath}?${query}`;
  };
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center gap-4">
      {page > 1 && (
        <Link className="text-blue-700 underline" href={href(page - 1)} rel="prev">
          Previous page
        </Link>
      )}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount && (
        <Link className="text-blue-700 underline" href={href(page + 1)} rel="next">
          Next page
        </Link>
      )}
    </nav>
  );
}

import { DataTable } from "@/components/admin/data-table";
import Link from "next/link";
import { formatDate } from "@/components/admin/format";
import { Pagination } from "@/components/admin/pagination";
import { param, type SearchParams } from "@/components/admin/search-params";
import { requireStaffPage } from "@/lib/server/admin/require-staff";
import { searchMailboxes } from "@/lib/server/admin/search-mailboxes";

export const metadata = { title: "Find a customer" };
export const dynamic = "force-dynamic";

export default async function AdminSearchPage({ searchParams }: { searchParams: SearchParams }) {
  const staff = await requireStaffPage("support");
  const params = await searchParams;
  const q = param(params, "q");
  const result = await searchMailboxes(staff, {
    query: q,
    page: Number(param(params, "page")) || 1,
  });
  return (
    <main>
      <h1 className="text-2xl font-semibold">Find a customer</h1>
      {param(params, "deleted") && (
        <p role="status" className="mt-2 text-green-800">
          The mailbox was deleted.
        </p>
      )}
      <form
        method="get"
        action="/admin"
        role="search"
        className="mt-4 flex flex-wrap items-end gap-2"
      >
        <div className="grow">
          <label htmlFor="q" className="block font-medium">
            Address, part of an address, or domain
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={q}
            autoFocus
            placeholder="anna@example.org, anna, @example.org"
            className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
          />
        </div>
        <button type="submit" className="rounded bg-blue-700 px-4 py-2 font-semibold text-white">
          Search
        </button>
      </form>
      {result.kind !== "empty" && (
        <section className="mt-6" aria-label="Results">
          <p>
            {result.total === 0
              ? "No mailbox matches."
              : `${result.total} mailbox${result.total === 1 ? "" : "es"} found.`}
          </p>
          {result.rows.length > 0 && (
            <DataTable headings={["Address", "Status", "Protocol", "Created"]} className="mt-2">
              {result.rows.map((m) => (
                <tr key={m.id} className="border-b">
                  <td className="py-1">
                    <Link className="text-blue-700 underline" href={`/admin/mailboxes/${m.id}`}>
                      {m.address}
                    </Link>
                  </td>
                  <td>{m.suspended ? "Suspended" : "Active"}</td>
                  <td>{m.preferredProtocol}</td>
                  <td>{formatDate(m.createdAt)}</td>
                </tr>
              ))}
            </DataTable>
          )}
          <Pagination
            page={result.page}
            pageCount={result.pageCount}
            basePath="/admin"
            params={{ q }}
          />
        </section>
      )}
    </main>
  );
}

import { DataTable } from "@/components/admin/data-table";
import { formatDate } from "@/components/admin/format";
import { Pagination } from "@/components/admin/pagination";
import { param, type SearchParams } from "@/components/admin/search-params";
import { listAuditEvents } from "@/lib/server/admin/list-audit-events";
import { requireStaffPage } from "@/lib/server/admin/require-staff";

export const metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

const FILTERS = [
  { name: "action", label: "Action starts with", placeholder: "mailbox." },
  { name: "actor", label: "Who (email contains)", placeholder: "" },
  { name: "targetType", label: "Target type", placeholder: "mailbox" },
  { name: "targetId", label: "Target id", placeholder: "" },
] as const;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const staff = await requireStaffPage("support");
  const params = await searchParams;
  const filter = {
    action: param(params, "action"),
    actor: param(params, "actor"),
    targetType: param(params, "targetType"),
    targetId: param(params, "targetId"),
    from: param(params, "from"),
  };
  const log = await listAuditEvents(staff, { ...filter, page: Number(param(params, "page")) || 1 });
  return (
    <main>
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <form method="get" action="/admin/audit" className="mt-4 flex flex-wrap items-end gap-3">
        {FILTERS.map((f) => (
          <div key={f.name}>
            <label htmlFor={`audit-${f.name}`} className="block font-medium">
              {f.label}
            </label>
            <input
              id={`audit-${f.name}`}
              name={f.name}
              defaultValue={filter[f.name]}
              placeholder={f.placeholder}
              className="mt-1 rounded border border-slate-300 px-2 py-1"
            />
          </div>
        ))}
        <div>
          <label htmlFor="audit-from" className="block font-medium">
            From date
          </label>
          <input
            id="audit-from"
            name="from"
            type="date"
            defaultValue={filter.from}
            className="mt-1 rounded border border-slate-300 px-2 py-1"
          />
        </div>
        <button type="submit" className="rounded bg-blue-700 px-3 py-1.5 font-semibold text-white">
          Filter
        </button>
      </form>
      <p className="mt-3">{log.total} event(s).</p>
      <DataTable
        headings={["When", "Who", "Action", "Target", "IP address", "Details"]}
        className="mt-2 text-sm"
      >
        {log.rows.map((e) => (
          <tr key={e.id} className="border-b align-top" data-testid="audit-event">
            <td className="py-1 whitespace-nowrap">{formatDate(e.at)}</td>
            <td className="break-all">
              {e.actorLabel ?? e.actorType}
              {e.actorType !== "staff" && ` (${e.actorType})`}
            </td>
            <td>{e.action}</td>
            <td>{e.targetType ? `${e.targetType} ${e.targetId}` : "—"}</td>
            <td>{e.ip ?? "—"}</td>
            <td className="font-mono break-all whitespace-pre-wrap">{e.details}</td>
          </tr>
        ))}
      </DataTable>
      <Pagination
        page={log.page}
        pageCount={log.pageCount}
        basePath="/admin/audit"
        params={filter}
      />
    </main>
  );
}

import Link from "next/link";
import { AdminForm } from "@/components/admin/admin-form";
import { formatDate } from "@/components/admin/format";
import { Pagination } from "@/components/admin/pagination";
import { param, type SearchParams } from "@/components/admin/search-params";
import { requireStaffPage } from "@/lib/server/admin/require-staff";
import { DELIVERY_STATES, listSettingsRequests } from "@/lib/server/admin/settings-requests";
import { retryRequestAction } from "../_actions/mailbox";

export const metadata = { title: "Settings requests" };
export const dynamic = "force-dynamic";

const OUTCOME: Record<string, string> = {
  queued: "Settings email queued",
  staff_resend: "Resent by staff",
  unknown_address: "No such mailbox (nothing sent)",
  inactive: "Mailbox inactive (nothing sent)",
  rate_limited: "Too many requests (nothing sent)",
};

export default async function SettingsRequestsPage({
  searchParams,
}: {
  searchParams: SearchParams;
}) {
  const staff = await requireStaffPage("support");
  const params = await searchParams;
  const state = param(params, "state");
  const list = await listSettingsRequests(staff, {
    deliveryState: state,
    page: Number(param(params, "page")) || 1,
  });
  return (
    <main>
      <h1 className="text-2xl font-semibold">Settings requests</h1>
      <p className="mt-1 text-slate-600">
        &ldquo;Forgot my settings&rdquo; requests and settings emails sent by staff.
      </p>
      <nav aria-label="Filter by delivery" className="mt-3 flex gap-3">
        {["", ...DELIVERY_STATES].map((s) => (
          <Link
            key={s || "all"}
            href={s ? `/admin/settings-requests?state=${s}` : "/admin/settings-requests"}
            aria-current={s === state ? "page" : undefined}
            className={`underline ${s === state ? "font-bold" : "text-blue-700"}`}
          >
            {s || "all"}
          </Link>
        ))}
      </nav>
      <p className="mt-3">{list.total} request(s).</p>
      <table className="mt-2 w-full border-collapse text-left">
        <thead>
          <tr className="border-b">
            <th className="py-1">When</th>
            <th>Address entered</th>
            <th>Outcome</th>
            <th>Delivery</th>
            <th>Attempts</th>
            <th>Last error</th>
            <th>IP address</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.rows.map((r) => (
            <tr key={r.id} className="border-b align-top" data-testid="settings-request">
              <td className="py-1 whitespace-nowrap">{formatDate(r.createdAt)}</td>
              <td className="break-all">
                {r.mailboxId ? (
                  <Link
                    className="text-blue-700 underline"
                    href={`/admin/mailboxes/${r.mailboxId}`}
                  >
                    {r.address}
                  </Link>
                ) : (
                  r.address
                )}
              </td>
              <td>{OUTCOME[r.outcome] ?? r.outcome}</td>
              <td>{r.deliveryState}</td>
              <td>{r.attempts}</td>
              <td className="break-all">{r.lastError ?? ""}</td>
              <td>{r.ip ?? "—"}</td>
              <td>
                {r.deliveryState === "failed" && (
                  <AdminForm
                    action={retryRequestAction}
                    hidden={{ requestId: r.id }}
                    submitLabel="Retry delivery"
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination
        page={list.page}
        pageCount={list.pageCount}
        basePath="/admin/settings-requests"
        params={{ state }}
      />
    </main>
  );
}

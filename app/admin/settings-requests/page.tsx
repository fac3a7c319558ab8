import Link from "next/link";
import { AdminForm } from "@/components/admin/admin-form";
import { DataTable } from "@/components/admin/data-table";
import { formatDate } from "@/components/admin/format";
import { Pagination } from "@/components/admin/pagination";
import { param, type SearchParams } from "@/components/admin/search-params";
import { DELIVERY_STATES } from "@/lib/server/admin/delivery-queue-page";
import { listPasswordResetRequests } from "@/lib/server/admin/password-reset-requests";
import { requireStaffPage } from "@/lib/server/admin/require-staff";
import { listSettingsRequests } from "@/lib/server/admin/settings-requests";
import { retryRequestAction } from "../_actions/mailbox";

export const metadata = { title: "Email queue" };
export const dynamic = "force-dynamic";

const BASE = "/admin/settings-requests";

const QUEUES = {
  settings: {
    label: "Settings emails",
    about: "“Forgot my settings” requests and settings emails sent by staff.",
    outcomes: {
      queued: "Settings email queued",
      staff_resend: "Resent by staff",
      unknown_address: "No such mailbox (nothing sent)",
      inactive: "Mailbox inactive (nothing sent)",
      rate_limited: "Too many requests (nothing sent)",
    } as Record<string, string>,
    list: listSettingsRequests,
  },
  "reset-links": {
    label: "Reset links",
    about:
      "“Forgot password” requests. The link goes to the mailbox’s recovery address; each attempt issues a new link, which is never stored here.",
    outcomes: {
      queued: "Reset link queued",
      unknown_address: "No such mailbox (nothing sent)",
      inactive: "Mailbox inactive (nothing sent)",
      no_recovery_address: "No recovery address (nothing sent)",
      rate_limited: "Too many requests (nothing sent)",
    } as Record<string, string>,
    list: listPasswordResetRequests,
  },
};
type QueueName = keyof typeof QUEUES;

function href(queue: QueueName, state: string) {
  const query = new URLSearchParams({
    ...(queue === "settings" ? {} : { queue }),
    ...(state ? { state } : {}),
  }).toString();
  return query ? `${BASE}?${query}` : BASE;
}

export default async function EmailQueuePage({ searchParams }: { searchParams: SearchParams }) {
  const staff = await requireStaffPage("support");
  const params = await searchParams;
  const name: QueueName = param(params, "queue") === "reset-links" ? "reset-links" : "settings";
  const queue = QUEUES[name];
  const state = param(params, "state");
  const list = await queue.list(staff, {
    deliveryState: state,
    page: Number(param(params, "page")) || 1,
  });
  return (
    <main>
      <h1 className="text-2xl font-semibold">Email queue</h1>
      <nav aria-label="Queue" className="mt-2 flex gap-3">
        {(Object.keys(QUEUES) as QueueName[]).map((q) => (
          <Link
            key={q}
            href={href(q, "")}
            aria-current={q === name ? "page" : undefined}
            className={`underline ${q === name ? "font-bold" : "text-blue-700"}`}
          >
            {QUEUES[q].label}
          </Link>
        ))}
      </nav>
      <p className="mt-1 text-slate-600">{queue.about}</p>
      <nav aria-label="Filter by delivery" className="mt-3 flex gap-3">
        {["", ...DELIVERY_STATES].map((s) => (
          <Link
            key={s || "all"}
            href={href(name, s)}
            aria-current={s === state ? "page" : undefined}
            className={`underline ${s === state ? "font-bold" : "text-blue-700"}`}
          >
            {s || "all"}
          </Link>
        ))}
      </nav>
      <p className="mt-3">{list.total} request(s).</p>
      <DataTable
        headings={[
          "When",
          "Address entered",
          "Outcome",
          "Delivery",
          "Attempts",
          "Last error",
          "Next attempt",
          "IP address",
          "",
        ]}
        className="mt-2"
      >
        {list.rows.map((r) => (
          <tr key={r.id} className="border-b align-top" data-testid="queued-request">
            <td className="py-1 whitespace-nowrap">{formatDate(r.createdAt)}</td>
            <td className="break-all">
              {r.mailboxId ? (
                <Link className="text-blue-700 underline" href={`/admin/mailboxes/${r.mailboxId}`}>
                  {r.address}
                </Link>
              ) : (
                r.address
              )}
            </td>
            <td>{queue.outcomes[r.outcome] ?? r.outcome}</td>
            <td>{r.deliveryState}</td>
            <td>{r.attempts}</td>
            <td className="break-all">{r.lastError ?? ""}</td>
            <td className="whitespace-nowrap">
              {r.deliveryState === "pending" && r.nextAttemptAt ? formatDate(r.nextAttemptAt) : "—"}
            </td>
            <td>{r.ip ?? "—"}</td>
            <td>
              {r.deliveryState === "failed" && (
                <AdminForm
                  action={retryRequestAction}
                  hidden={{ requestId: r.id, queue: name }}
                  submitLabel="Queue again"
                />
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      <Pagination
        page={list.page}
        pageCount={list.pageCount}
        basePath={BASE}
        params={{ state, ...(name === "settings" ? {} : { queue: name }) }}
      />
    </main>
  );
}

import Link from "next/link";
import { notFound } from "next/navigation";
import { requireStaffPage } from "@/lib/server/admin/require-staff";
import { viewAsCustomer } from "@/lib/server/admin/view-as-customer";
import { isAppError } from "@/lib/server/errors/app-error";
import type { Endpoint } from "@/lib/server/settings/get-connection-settings";

export const metadata = { title: "View as customer" };
export const dynamic = "force-dynamic";

const SECURITY = { IMPLICIT_TLS: "SSL/TLS", STARTTLS: "STARTTLS" };

function EndpointRows({ title, options }: { title: string; options: Endpoint[] }) {
  return (
    <section className="mt-4">
      <h3 className="font-semibold">{title}</h3>
      <table className="mt-1 text-left">
        <thead>
          <tr>
            <th className="pr-6">Server</th>
            <th className="pr-6">Port</th>
            <th className="pr-6">Encryption</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {options.map((o) => (
            <tr key={`${o.security}-${o.port}`}>
              <td className="pr-6 font-mono">{o.hostname}</td>
              <td className="pr-6 font-mono">{o.port}</td>
              <td className="pr-6">{SECURITY[o.security]}</td>
              <td>{o.recommended ? "recommended" : "alternative"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export default async function CustomerViewPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaffPage("support");
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const view = await viewAsCustomer(staff, id).catch((e) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const s = view.settings;
  return (
    <main>
      <div role="note" className="rounded border-2 border-amber-500 bg-amber-50 p-3 font-semibold">
        Viewing as customer {view.mailbox.address} — read-only. This view is recorded in the audit
        log.{" "}
        <Link className="text-blue-700 underline" href={`/admin/mailboxes/${view.mailbox.id}`}>
          Back to the mailbox
        </Link>
      </div>
      <h1 className="mt-4 text-2xl font-semibold">Your email program settings</h1>
      <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6">
        <dt>Username</dt>
        <dd className="font-mono">{s.username}</dd>
        <dt>Password</dt>
        <dd>the mailbox password (never shown)</dd>
        <dt>Incoming mail</dt>
        <dd>{s.protocol}</dd>
      </dl>
      <EndpointRows title={`Incoming server (${s.protocol})`} options={s.incoming.options} />
      <EndpointRows
        title="Outgoing server (SMTP), authentication required"
        options={s.outgoing.options}
      />
      <p className="mt-6 text-slate-600">
        The customer&apos;s walkthroughs show these same values in every picture.
      </p>
    </main>
  );
}

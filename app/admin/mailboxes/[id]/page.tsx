import { DataTable } from "@/components/admin/data-table";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminForm, Field } from "@/components/admin/admin-form";
import { formatBytes, formatDate, quotaText } from "@/components/admin/format";
import { getMailboxOverview } from "@/lib/server/admin/get-mailbox-overview";
import { requireStaffPage } from "@/lib/server/admin/require-staff";
import { hasRole } from "@/lib/server/admin/staff-context";
import { isAppError } from "@/lib/server/errors/app-error";
import {
  accessAction,
  deleteMailboxAction,
  quotaAction,
  resendSettingsAction,
  resetLinkAction,
  suspendAction,
  tempPasswordAction,
} from "../../_actions/mailbox";

export const metadata = { title: "Mailbox" };
export const dynamic = "force-dynamic";

const DOOR_TEXT = {
  WEB: "Portal",
  ADMIN: "Admin",
  SMTP: "SMTP (sending)",
  POP3: "POP3",
  IMAP: "IMAP",
};

export default async function MailboxPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaffPage("support");
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const mailbox = await getMailboxOverview(staff, id).catch((e) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const hidden = { mailboxId: mailbox.id };
  const usedPct = mailbox.quotaBytes
    ? Math.round((mailbox.usedBytes / mailbox.quotaBytes) * 100)
    : 0;
  return (
    <main className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold break-all">{mailbox.address}</h1>
        <p className="mt-1">
          <Link
            prefetch={false}
            className="text-blue-700 underline"
            href={`/admin/mailboxes/${mailbox.id}/customer-view`}
          >
            View as customer (read-only, logged)
          </Link>
        </p>
      </div>

      <section aria-labelledby="details">
        <h2 id="details" className="text-lg font-semibold">
          Details
        </h2>
        <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
          <dt>Status</dt>
          <dd data-testid="mailbox-status">
            {mailbox.suspended ? `Suspended since ${formatDate(mailbox.suspendedAt)}` : "Active"}
            {!mailbox.domain.active && " — domain disabled"}
          </dd>
          <dt>Preferred protocol</dt>
          <dd>{mailbox.preferredProtocol}</dd>
          <dt>Protocol access</dt>
          <dd>
            {(["IMAP", "POP3", "SMTP"] as const)
              .map((s) => `${s} ${mailbox.access[s] ? "on" : "off"}`)
              .join(" · ")}
          </dd>
          <dt>Quota</dt>
          <dd>
            {formatBytes(mailbox.usedBytes)} used of {formatBytes(mailbox.quotaBytes)} ({usedPct}%)
          </dd>
          <dt>Recovery address</dt>
          <dd data-testid="recovery-email">{mailbox.recoveryEmail ?? "none"}</dd>
          <dt>Created</dt>
          <dd>{formatDate(mailbox.createdAt)}</dd>
          <dt>Password changed</dt>
          <dd>{formatDate(mailbox.passwordChangedAt)}</dd>
          {mailbox.tempPasswordActive && (
            <>
              <dt>Temporary password</dt>
              <dd>valid until {formatDate(mailbox.tempPasswordExpiresAt)}</dd>
            </>
          )}
        </dl>
      </section>

      <section aria-labelledby="logins">
        <h2 id="logins" className="text-lg font-semibold">
          Recent sign-ins (every door)
        </h2>
        {mailbox.recentLogins.length === 0 ? (
          <p className="mt-2">No sign-in attempts recorded.</p>
        ) : (
          <DataTable headings={["When", "Where", "Result", "Why", "IP address"]} className="mt-2">
            {mailbox.recentLogins.map((a) => (
              <tr key={a.id} className="border-b">
                <td className="py-1">{formatDate(a.at)}</td>
                <td>{DOOR_TEXT[a.door]}</td>
                <td>{a.success ? "Success" : "Failed"}</td>
                <td>{a.text}</td>
                <td>{a.ip ?? "—"}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      <section aria-labelledby="help" className="space-y-5">
        <h2 id="help" className="text-lg font-semibold">
          Help the customer
        </h2>
        <div className="flex flex-wrap gap-6">
          <AdminForm
            action={suspendAction}
            hidden={{ ...hidden, suspend: mailbox.suspended ? "off" : "on" }}
            submitLabel={mailbox.suspended ? "Resume mailbox" : "Suspend mailbox"}
            danger={!mailbox.suspended}
          />
          <AdminForm
            action={resetLinkAction}
            hidden={hidden}
            submitLabel="Send password-reset link"
          />
          <AdminForm
            action={tempPasswordAction}
            hidden={hidden}
            submitLabel="Issue temporary password"
          />
          <AdminForm
            action={resendSettingsAction}
            hidden={hidden}
            submitLabel="Resend settings email"
          />
        </div>
        <AdminForm action={quotaAction} hidden={hidden} submitLabel="Save quota" inline>
          <Field
            name="quota"
            label="Quota"
            defaultValue={quotaText(mailbox.quotaBytes)}
            hint="For example 500MB, 2GB, 10GB."
          />
        </AdminForm>
        <div className="flex flex-wrap gap-4">
          {(["IMAP", "POP3", "SMTP"] as const).map((service) => (
            <AdminForm
              key={service}
              action={accessAction}
              hidden={{ ...hidden, service, enabled: mailbox.access[service] ? "off" : "on" }}
              submitLabel={`Turn ${service} ${mailbox.access[service] ? "off" : "on"}`}
            />
          ))}
        </div>
      </section>

      {hasRole(staff, "admin") && (
        <section aria-labelledby="delete" className="rounded border border-red-300 p-4">
          <h2 id="delete" className="text-lg font-semibold text-red-800">
            Delete mailbox
          </h2>
          <p className="mt-1">This removes the mailbox and all its mail for good.</p>
          <AdminForm
            action={deleteMailboxAction}
            hidden={hidden}
            submitLabel="Delete mailbox"
            danger
            className="mt-2"
          >
            <Field
              name="confirmAddress"
              label="Type the mailbox address to confirm"
              autoComplete="off"
            />
          </AdminForm>
        </section>
      )}
    </main>
  );
}

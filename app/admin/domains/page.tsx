import { DataTable } from "@/components/admin/data-table";
import { AdminForm, Field } from "@/components/admin/admin-form";
import { formatDate } from "@/components/admin/format";
import { listDomains } from "@/lib/server/admin/domains";
import { requireStaffPage } from "@/lib/server/admin/require-staff";
import { addDomainAction, domainActiveAction } from "../_actions/manage";

export const metadata = { title: "Domains" };
export const dynamic = "force-dynamic";

export default async function DomainsPage() {
  const staff = await requireStaffPage("admin");
  const domains = await listDomains(staff);
  return (
    <main className="space-y-6">
      <h1 className="text-2xl font-semibold">Domains</h1>
      <AdminForm action={addDomainAction} submitLabel="Add domain" inline>
        <Field name="name" label="Domain name" hint="For example example.org" autoComplete="off" />
      </AdminForm>
      <DataTable headings={["Domain", "Mailboxes", "State", "Added", ""]}>
        {domains.map((d) => (
          <tr key={d.id} className="border-b">
            <td className="py-1">{d.name}</td>
            <td>{d.mailboxes}</td>
            <td>{d.active ? "Active" : "Disabled: every login refused"}</td>
            <td>{formatDate(d.createdAt)}</td>
            <td>
              <AdminForm
                action={domainActiveAction}
                hidden={{ domainId: d.id, active: d.active ? "off" : "on" }}
                submitLabel={d.active ? `Disable ${d.name}` : `Enable ${d.name}`}
                danger={d.active}
              />
            </td>
          </tr>
        ))}
      </DataTable>
    </main>
  );
}

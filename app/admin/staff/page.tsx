import { DataTable } from "@/components/admin/data-table";
import { AdminForm, Field } from "@/components/admin/admin-form";
import { formatDate } from "@/components/admin/format";
import { requireStaffPage } from "@/lib/server/admin/require-staff";
import { listStaff } from "@/lib/server/staff/manage-staff";
import { addStaffAction, resetStaffMfaAction, staffDisabledAction } from "../_actions/manage";

export const metadata = { title: "Staff" };
export const dynamic = "force-dynamic";

export default async function StaffPage() {
  const me = await requireStaffPage("admin");
  const staff = await listStaff(me);
  return (
    <main className="space-y-6">
      <h1 className="text-2xl font-semibold">Staff</h1>
      <DataTable
        headings={["Email address", "Role", "Two-step sign-in", "State", "Last sign-in", ""]}
      >
        {staff.map((s) => (
          <tr key={s.id} className="border-b align-top">
            <td className="py-1 break-all">{s.email}</td>
            <td>{s.role}</td>
            <td>{s.mfaEnrolled ? `On (${s.backupCodesLeft} backup codes left)` : "Not set up"}</td>
            <td>{s.disabled ? "Disabled" : "Active"}</td>
            <td>{formatDate(s.lastLoginAt)}</td>
            <td className="flex flex-wrap gap-2">
              <AdminForm
                action={resetStaffMfaAction}
                hidden={{ staffId: s.id }}
                submitLabel={`Reset MFA for ${s.email}`}
              />
              {s.id !== me.id && (
                <AdminForm
                  action={staffDisabledAction}
                  hidden={{ staffId: s.id, disabled: s.disabled ? "off" : "on" }}
                  submitLabel={s.disabled ? `Enable ${s.email}` : `Disable ${s.email}`}
                  danger={!s.disabled}
                />
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      <section className="max-w-md">
        <h2 className="text-lg font-semibold">Add a staff member</h2>
        <AdminForm action={addStaffAction} submitLabel="Add staff member" className="mt-2">
          <Field name="email" label="Email address" type="email" autoComplete="off" />
          <Field
            name="password"
            label="Password"
            type="password"
            autoComplete="new-password"
            hint="They set up their authenticator at first sign-in."
          />
          <div>
            <label htmlFor="staff-role" className="block font-medium">
              Role
            </label>
            <select
              id="staff-role"
              name="role"
              defaultValue="support"
              className="mt-1 rounded border border-slate-300 px-2 py-2"
            >
              <option value="support">support</option>
              <option value="admin">admin</option>
            </select>
          </div>
        </AdminForm>
      </section>
    </main>
  );
}

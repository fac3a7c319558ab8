import { AdminForm, Field } from "@/components/admin/admin-form";
import { requireStaffPage } from "@/lib/server/admin/require-staff";
import { createMailboxAction } from "../../_actions/mailbox";

export const metadata = { title: "New mailbox" };
export const dynamic = "force-dynamic";

export default async function NewMailboxPage() {
  await requireStaffPage("admin");
  return (
    <main className="max-w-lg">
      <h1 className="text-2xl font-semibold">New mailbox</h1>
      <p className="mt-2 text-slate-600">
        You never choose the customer&apos;s password: you get a temporary one to pass on, and the
        customer sets their own on first sign-in.
      </p>
      <AdminForm action={createMailboxAction} submitLabel="Create mailbox" className="mt-4">
        <Field name="address" label="Mailbox address" type="email" autoComplete="off" required />
        <Field
          name="recoveryEmail"
          label="Recovery email address (optional)"
          type="email"
          autoComplete="off"
        />
        <Field name="quota" label="Quota" defaultValue="2GB" hint="For example 500MB, 2GB, 10GB." />
      </AdminForm>
    </main>
  );
}

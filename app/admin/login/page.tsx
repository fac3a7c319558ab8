import { redirect } from "next/navigation";
import { AdminForm, Field } from "@/components/admin/admin-form";
import { currentStaffSession } from "@/lib/server/admin/require-staff";
import { isComplete } from "@/lib/server/admin/resolve-staff-session";
import { signInStaff } from "../_actions/auth";

export const metadata = { title: "Staff sign-in" };
export const dynamic = "force-dynamic";

export default async function StaffLoginPage() {
  if (isComplete(await currentStaffSession())) redirect("/admin");
  return (
    <main className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">Staff sign-in</h1>
      <p className="mt-2 text-slate-600">
        For Octeportal support staff. Customers sign in at{" "}
        <a className="underline" href="/login">
          the portal
        </a>
        .
      </p>
      <AdminForm action={signInStaff} submitLabel="Sign in" className="mt-6">
        <Field
          name="email"
          label="Email address"
          type="email"
          autoComplete="username"
          required
          autoFocus
        />
        <Field
          name="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          required
        />
        <Field
          name="code"
          label="Authentication code"
          inputMode="numeric"
          autoComplete="one-time-code"
          hint="The 6-digit code from your authenticator app, or one of your backup codes. Leave empty only if you have not set up an authenticator yet."
        />
      </AdminForm>
    </main>
  );
}

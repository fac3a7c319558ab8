import { ChangePasswordForm } from "@/components/change-password-form";
import { requireCustomerSession } from "@/lib/server/web-auth/require-customer";
import { changePasswordAction } from "./actions";

export const metadata = { title: "Change password" };

export default async function PasswordPage() {
  const session = await requireCustomerSession();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold sm:text-3xl">Change password</h1>
        {session.usingTemporaryPassword ? (
          <p className="mt-2 rounded-lg border-l-4 border-amber-600 bg-amber-50 p-3">
            You signed in with a temporary password from our support team. Choose your own password
            now; the temporary one then stops working. Type the temporary password as your current
            password.
          </p>
        ) : null}
        <p className="mt-2 text-slate-700">
          For <strong>{session.customer.address}</strong>. The new password works at once, here and
          in every email program, and the old one stops working. Remember to change it in your email
          programs on every device too.
        </p>
      </div>
      <div className="rounded-xl bg-white p-4 shadow-sm">
        <ChangePasswordForm action={changePasswordAction} />
      </div>
    </div>
  );
}

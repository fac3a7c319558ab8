import Link from "next/link";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata = { title: "Forgot password" };
export const dynamic = "force-dynamic";

export default function ForgotPasswordPage() {
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-semibold">Forgot your password?</h1>
      <p className="mt-2 text-slate-600">
        Enter your mailbox address. We send a reset link to the recovery address you gave us
        (another email address of yours). No recovery address? Your provider&apos;s support can
        help.
      </p>
      <ForgotPasswordForm />
      <p className="mt-8 space-x-4">
        <Link href="/login" className="text-blue-700 underline">
          Back to sign in
        </Link>
        <Link href="/forgot-settings" className="text-blue-700 underline">
          Forgot your settings?
        </Link>
      </p>
    </main>
  );
}

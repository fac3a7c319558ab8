import Link from "next/link";
import { ForgotSettingsForm } from "./forgot-settings-form";

export const metadata = { title: "Forgot my settings" };
export const dynamic = "force-dynamic";

export default function ForgotSettingsPage() {
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-semibold">Forgot your email settings?</h1>
      <p className="mt-2 text-slate-600">
        Enter your email address. We will email you the server names, ports and username your email
        program needs — never your password.
      </p>
      <ForgotSettingsForm />
      <p className="mt-8">
        <Link href="/login" className="text-blue-700 underline">
          Back to sign in
        </Link>
      </p>
    </main>
  );
}

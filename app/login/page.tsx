import Link from "next/link";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/login-form";
import { getCustomerSession } from "@/lib/server/web-auth/require-customer";

export const metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await getCustomerSession();
  if (session) redirect(session.usingTemporaryPassword ? "/password" : "/settings");
  const params = await searchParams;
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-10">
      <p className="font-bold text-blue-900">Octeportal</p>
      <h1 className="mt-2 text-2xl font-bold">Sign in to your mailbox</h1>
      <p className="mt-2 text-slate-700">
        Use your full email address and your mailbox password: the same ones your email program
        uses.
      </p>
      {params["signed-out"] ? (
        <p role="status" className="mt-4 rounded-lg bg-green-50 p-3 font-semibold text-green-900">
          You are signed out.
        </p>
      ) : null}
      <LoginForm />
      <ul className="mt-6 space-y-1">
        <li>
          <Link
            href="/forgot-password"
            className="inline-flex min-h-11 items-center font-semibold text-blue-800 underline"
          >
            Forgot your password?
          </Link>
        </li>
        <li>
          <Link
            href="/forgot-settings"
            className="inline-flex min-h-11 items-center font-semibold text-blue-800 underline"
          >
            Forgot your settings? Get them by email
          </Link>
        </li>
      </ul>
      <noscript>
        <p className="mt-4 font-semibold">
          Signing in needs JavaScript switched on in your browser.
        </p>
      </noscript>
    </main>
  );
}

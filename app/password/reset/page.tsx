import Link from "next/link";
import { findResetTokenMailbox } from "@/lib/server/password-reset/reset-password-with-token";
import { ResetPasswordForm } from "./reset-password-form";

// The token is in the URL: no referrer may carry it anywhere (next.config.ts also sends the header).
export const metadata = { title: "Choose a new password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const token = (await searchParams).token ?? "";
  const mailbox = await findResetTokenMailbox(token);
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-semibold">Choose a new password</h1>
      {mailbox ? (
        <ResetPasswordForm token={token} address={mailbox.address} />
      ) : (
        <p className="mt-6 text-lg">
          This link has expired or was already used.{" "}
          <Link href="/forgot-password" className="text-blue-700 underline">
            Ask for a new one
          </Link>
          .
        </p>
      )}
    </main>
  );
}

import { ConfirmRecoveryForm } from "./confirm-form";

// Opening the link changes nothing by itself (mail scanners follow links); the button does.
export const metadata = { title: "Confirm recovery address", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function ConfirmRecoveryPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const token = (await searchParams).token ?? "";
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-semibold">Confirm your recovery address</h1>
      <p className="mt-2 text-slate-700">
        Press the button to use this email address to recover your mailbox password.
      </p>
      <ConfirmRecoveryForm token={token} />
    </main>
  );
}

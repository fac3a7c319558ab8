import { getRecoveryEmailStatus } from "@/lib/server/recovery-email/get-recovery-email-status";
import { requireCustomer } from "@/lib/server/web-auth/require-customer";
import { RecoveryForm } from "./recovery-form";

export const metadata = { title: "Recovery address" };
export const dynamic = "force-dynamic";

export default async function RecoveryPage() {
  const customer = await requireCustomer();
  const status = await getRecoveryEmailStatus(customer.id);
  return (
    <section>
      <h1 className="text-2xl font-semibold">Recovery address</h1>
      <p className="mt-2 text-slate-700">
        If you forget your password, we send a reset link to this address. It must be a different
        mailbox from this one.
      </p>
      <p className="mt-4 text-lg">
        Current recovery address: <strong>{status.current ?? "none set"}</strong>
      </p>
      {status.pending && (
        <p className="mt-1 text-slate-700">Waiting for confirmation: {status.pending}</p>
      )}
      <RecoveryForm />
    </section>
  );
}

import { showPhoneQrAction } from "@/app/(customer)/settings/phone-qr-action";
import { PhoneQrButton } from "@/components/walkthrough/phone-qr-button";
import { requireCustomer } from "@/lib/server/web-auth/require-customer";

export const metadata = { title: "Set up your phone" };
export const dynamic = "force-dynamic";

// The same button as on My settings: a one-time link is minted only when asked for.
export default async function PhoneLinkPage() {
  await requireCustomer();
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-semibold">Set up your iPhone or iPad</h1>
      <p className="mt-2 text-slate-700">
        Scan a QR code with the phone: it installs your settings, and you only type your password.
      </p>
      <div className="mt-4">
        <PhoneQrButton action={showPhoneQrAction} />
      </div>
    </div>
  );
}

import QRCode from "qrcode";
import { PhoneLink } from "@/components/walkthrough/phone-link";
import { loadEnv } from "@/lib/env";
import { createProfileLink } from "@/lib/server/autoconfig/profile-link";
import { requireCustomer } from "@/lib/server/web-auth/require-customer";

export const metadata = { title: "Set up your phone" };
export const dynamic = "force-dynamic";

export default async function PhoneLinkPage() {
  const customer = await requireCustomer();
  const link = await createProfileLink({ mailboxId: customer.id, appUrl: loadEnv().APP_URL });
  const qrSvg = await QRCode.toString(link.url, {
    type: "svg",
    errorCorrectionLevel: "M",
    margin: 2,
  });
  return <PhoneLink qrSvg={qrSvg} expiresAt={link.expiresAt} />;
}

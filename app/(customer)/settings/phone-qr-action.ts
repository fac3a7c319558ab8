"use server";
// "Show QR code for phone set-up" on My settings: mints a one-time, 10-minute profile link
// only when the customer asks (a page view mints nothing).
import type { PhoneQrState } from "@/components/walkthrough/phone-qr-state";
import { WRONG_ORIGIN_MESSAGE } from "@/components/form-state";
import { loadEnv } from "@/lib/env";
import { createPhoneLinkQr } from "@/lib/server/autoconfig/phone-link-qr";
import { requestIsSameOrigin } from "@/lib/server/web-auth/request-guards";
import { requireCustomer } from "@/lib/server/web-auth/require-customer";

export async function showPhoneQrAction(_previous: PhoneQrState): Promise<PhoneQrState> {
  if (!(await requestIsSameOrigin())) return { status: "error", message: WRONG_ORIGIN_MESSAGE };
  const customer = await requireCustomer();
  const link = await createPhoneLinkQr({ mailboxId: customer.id, appUrl: loadEnv().APP_URL });
  return {
    status: "shown",
    url: link.url,
    qrSvg: link.qrSvg,
    expiresAt: link.expiresAt.toISOString(),
  };
}

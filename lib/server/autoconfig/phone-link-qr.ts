// A fresh one-time profile link (profile-link.ts) drawn as a QR code, for the customer to scan
// with their phone. The SVG comes from the qrcode library and holds only our own link.
import QRCode from "qrcode";
import { createProfileLink } from "./profile-link";

export type PhoneLinkQr = { url: string; qrSvg: string; expiresAt: Date };

export async function createPhoneLinkQr(options: {
  mailboxId: number;
  appUrl: string;
}): Promise<PhoneLinkQr> {
  const link = await createProfileLink(options);
  const qrSvg = await QRCode.toString(link.url, {
    type: "svg",
    errorCorrectionLevel: "M",
    margin: 2,
  });
  return { ...link, qrSvg };
}

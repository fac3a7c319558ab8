// What the "Show QR code for phone set-up" action hands back to its button (useActionState).
export type PhoneQrState =
  | { status: "idle" }
  | { status: "error"; message: string }
  | { status: "shown"; url: string; qrSvg: string; expiresAt: string };

export const PHONE_QR_IDLE: PhoneQrState = { status: "idle" };

"use client";
// My settings: a button that asks the server for a fresh one-time link and shows it as a QR
// code (and as text, for a phone that cannot scan), so a page view alone mints no link.
import { useActionState } from "react";
import { PHONE_QR_IDLE, type PhoneQrState } from "./phone-qr-state";

export function PhoneQrButton({
  action,
}: {
  action: (state: PhoneQrState) => Promise<PhoneQrState>;
}) {
  const [state, formAction, pending] = useActionState(action, PHONE_QR_IDLE);
  return (
    <div>
      <form action={formAction}>
        <button
          type="submit"
          disabled={pending}
          className="min-h-11 rounded-lg bg-blue-700 px-4 font-semibold text-white hover:bg-blue-800 disabled:opacity-60"
        >
          {state.status === "shown" ? "Show a new QR code" : "Show QR code for phone set-up"}
        </button>
      </form>
      <div aria-live="polite">
        {state.status === "error" ? (
          <p role="alert" className="mt-2 text-red-700">
            {state.message}
          </p>
        ) : null}
        {state.status === "shown" ? (
          <div className="mt-4 flex flex-wrap items-start gap-4">
            {/* The SVG comes from the qrcode library, built from our own link only. */}
            <div
              role="img"
              aria-label="QR code with a one-time link to your settings profile"
              className="w-56 shrink-0 bg-white"
              data-testid="settings-qr"
              dangerouslySetInnerHTML={{ __html: state.qrSvg }}
            />
            <div className="min-w-0 flex-1 space-y-2 text-slate-700">
              <p>
                Open the Camera on your iPhone or iPad, point it at the code and tap the link.
                Install the profile in Settings and type your mailbox password when asked.
              </p>
              <p>
                The code works <strong>once</strong>, until {state.expiresAt.slice(11, 16)} UTC, and
                holds no password. Cannot scan? Open this link on the phone:{" "}
                <a
                  href={state.url}
                  data-testid="settings-qr-link"
                  className="break-all text-blue-800 underline"
                >
                  {state.url}
                </a>
              </p>
            </div>
          </div>
        ) : null}
      </div>
    </div>
  );
}

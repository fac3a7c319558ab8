// The settings email: everything a mail program needs except the password, which we never send,
// and a picture of the key dialog of the customer's likely email program (inline, cid:).
import type { ConnectionSettings, Endpoint } from "@/lib/server/settings/get-connection-settings";
import type { OutgoingMail } from "@/lib/server/mail/send-mail";
import type { KeyDialogPicture } from "./key-dialog-picture";

const SECURITY_WORDS = { IMPLICIT_TLS: "SSL/TLS", STARTTLS: "STARTTLS" } as const;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function endpointLine(e: Endpoint): string {
  return `${e.hostname}, port ${e.port}, encryption ${SECURITY_WORDS[e.security]}`;
}

export type SettingsEmail = Omit<OutgoingMail, "to"> & { html: string };

/** Content-ID of the inline picture; the HTML refers to it as cid:… */
export const PICTURE_CID = "key-dialog@octeportal";

export function composeSettingsEmail(options: {
  settings: ConnectionSettings;
  appUrl: string;
  picture?: KeyDialogPicture | null;
}): SettingsEmail {
  const { settings, appUrl, picture } = options;
  const incoming = settings.incoming;
  const alternative = incoming.options.find((o) => o !== incoming.recommended);
  const outgoingAlt = settings.outgoing.options.find((o) => o !== settings.outgoing.recommended);
  const walkthroughs = `${appUrl}/walkthroughs`;
  const rows: Array<[string, string]> = [
    [
      "Account type",
      `${incoming.protocol}${incoming.protocol === "POP3" ? " (mail is moved to one computer)" : " (mail stays on the server for every device)"}`,
    ],
    ["Username", settings.username],
    ["Password", "the password of your mailbox (we never send it by email)"],
    ["Incoming server", endpointLine(incoming.recommended)],
    ...(alternative
      ? [["Incoming server, if that fails", endpointLine(alternative)] as [string, string]]
      : []),
    ["Outgoing server (SMTP)", endpointLine(settings.outgoing.recommended)],
    ...(outgoingAlt
      ? [["Outgoing server, if that fails", endpointLine(outgoingAlt)] as [string, string]]
      : []),
    ["Outgoing server sign-in", "required: the same username and password as incoming"],
  ];
  const text = [
    "Hello,",
    "",
    `here are the settings for ${settings.username}, as you asked.`,
    "",
    ...rows.map(([k, v]) => `${k}: ${v}`),
    "",
    "Many programs (Thunderbird, Outlook, iPhone and Mac) set themselves up when you enter just your",
    "email address and password.",
    "",
    ...(picture
      ? [
          `The HTML version of this email shows the ${picture.clientName} window where these settings`,
          `go (step ${picture.stepNumber}). All steps, with pictures: ${appUrl}/walkthroughs/${picture.clientId}`,
          `Another email program? Step-by-step pictures for each one: ${walkthroughs}`,
        ]
      : [`Step-by-step pictures for your email program: ${walkthroughs}`]),
    "",
    "If you did not ask for this email, you can ignore it: nothing has changed in your mailbox.",
  ].join("\n");
  const html = `<!doctype html><html><body style="font-family:Arial,sans-serif;color:#0f172a">
<p>Hello,</p><p>here are the settings for <strong>${escapeHtml(settings.username)}</strong>, as you asked.</p>
<table cellpadding="6" style="border-collapse:collapse">${rows
    .map(
      ([k, v]) =>
        `<tr><th align="left" style="border-bottom:1px solid #e2e8f0">${escapeHtml(k)}</th><td style="border-bottom:1px solid #e2e8f0">${escapeHtml(v)}</td></tr>`,
    )
    .join("")}</table>
<p>Many programs (Thunderbird, Outlook, iPhone and Mac) set themselves up when you enter just your email address and password.</p>
${picture ? pictureHtml(picture, appUrl) : ""}
<p><a href="${escapeHtml(walkthroughs)}">Step-by-step pictures for your email program</a></p>
<p style="color:#475569">If you did not ask for this email, you can ignore it: nothing has changed in your mailbox.</p>
</body></html>`;
  return {
    subject: "Your email settings",
    text,
    html,
    attachments: picture
      ? [
          {
            filename: `${picture.clientId}-${picture.stepId}.png`,
            content: picture.png,
            cid: PICTURE_CID,
            contentType: "image/png",
          },
        ]
      : [],
  };
}

function pictureHtml(picture: KeyDialogPicture, appUrl: string): string {
  const stepsUrl = `${appUrl}/walkthroughs/${picture.clientId}`;
  return `<p>In <strong>${escapeHtml(picture.clientName)}</strong> the settings go here (step ${picture.stepNumber}):</p>
<p><img src="cid:${PICTURE_CID}" width="${picture.displayWidth}" style="max-width:100%;height:auto;border:1px solid #e2e8f0" alt="${escapeHtml(picture.alt)}"></p>
<p><a href="${escapeHtml(stepsUrl)}">All steps for ${escapeHtml(picture.clientName)}, with pictures</a></p>`;
}

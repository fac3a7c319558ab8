// The settings email: everything a mail program needs except the password, which we never send.
import type { ConnectionSettings, Endpoint } from "@/lib/server/settings/get-connection-settings";

const SECURITY_WORDS = { IMPLICIT_TLS: "SSL/TLS", STARTTLS: "STARTTLS" } as const;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function endpointLine(e: Endpoint): string {
  return `${e.hostname}, port ${e.port}, encryption ${SECURITY_WORDS[e.security]}`;
}

export type SettingsEmail = { subject: string; text: string; html: string };

export function composeSettingsEmail(options: {
  settings: ConnectionSettings;
  appUrl: string;
}): SettingsEmail {
  const { settings, appUrl } = options;
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
    `Step-by-step pictures for your email program: ${walkthroughs}`,
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
<p><a href="${escapeHtml(walkthroughs)}">Step-by-step pictures for your email program</a></p>
<p style="color:#475569">If you did not ask for this email, you can ignore it: nothing has changed in your mailbox.</p>
</body></html>`;
  return { subject: "Your email settings", text, html };
}

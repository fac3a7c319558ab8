// Thunderbird autoconfig answer, "config-v1.1.xml" (Mozilla's ISPDB format, also read by
// Thunderbird for Android / K-9 and Evolution). Both incoming protocols, the chosen one first,
// each with implicit TLS ("SSL") and STARTTLS variants; SMTP likewise.
import type {
  ConnectionSettings,
  Endpoint,
  ServiceSettings,
} from "@/lib/server/settings/get-connection-settings";
import { escapeXml, tag } from "./xml";

const socketType = (e: Endpoint) => (e.security === "IMPLICIT_TLS" ? "SSL" : "STARTTLS");

function servers(
  element: "incomingServer" | "outgoingServer",
  type: string,
  service: ServiceSettings,
  username: string,
  extra = "",
): string[] {
  return service.options.map(
    (e) =>
      `    <${element} type="${type}">\n` +
      `      ${tag("hostname", e.hostname)}\n` +
      `      ${tag("port", e.port)}\n` +
      `      ${tag("socketType", socketType(e))}\n` +
      `      ${tag("authentication", "password-cleartext")}\n` +
      `      ${tag("username", username)}\n${extra}` +
      `    </${element}>`,
  );
}

export function thunderbirdConfigXml(options: {
  settings: ConnectionSettings;
  /** The normalised address, or null to let the client fill in %EMAILADDRESS%. */
  address: string | null;
  domain: string | null;
  providerName: string;
  documentationUrl: string;
}): string {
  const { settings } = options;
  const username = options.address ?? "%EMAILADDRESS%";
  // settings.protocol: the mailbox's choice, or IMAP (see public-settings.ts).
  const first = settings.protocol;
  const imap = servers("incomingServer", "imap", settings.imap, username);
  const pop3 = servers(
    "incomingServer",
    "pop3",
    settings.pop3,
    username,
    // Keep mail on the server so the customer's other devices still see it.
    "      <pop3>\n        <leaveMessagesOnServer>true</leaveMessagesOnServer>\n      </pop3>\n",
  );
  const incoming = first === "POP3" ? [...pop3, ...imap] : [...imap, ...pop3];
  const id = options.domain ?? settings.imap.recommended.hostname;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<clientConfig version="1.1">`,
    `  <emailProvider id="${escapeXml(id)}">`,
    options.domain ? `    ${tag("domain", options.domain)}` : null,
    `    ${tag("displayName", options.providerName)}`,
    `    ${tag("displayShortName", options.providerName)}`,
    ...incoming,
    ...servers("outgoingServer", "smtp", settings.outgoing, username),
    `    <documentation url="${escapeXml(options.documentationUrl)}">`,
    `      <descr lang="en">Step-by-step pictures with your own settings</descr>`,
    `    </documentation>`,
    `  </emailProvider>`,
    `</clientConfig>`,
    ``,
  ]
    .filter((l) => l !== null)
    .join("\n");
}

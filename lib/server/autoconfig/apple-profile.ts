// Apple configuration profile (.mobileconfig) with one com.apple.mail.managed payload, for
// iPhone, iPad and macOS Mail. No password goes in: the device asks for it on install.
// PayloadIdentifier and both PayloadUUIDs are derived from the portal's host and the
// mailbox id, so installing a newer profile for the same mailbox replaces the old one.
import { createHash } from "node:crypto";
import type { ConnectionSettings } from "@/lib/server/settings/get-connection-settings";
import { escapeXml } from "./xml";

type PlistValue = string | number | boolean | PlistValue[] | { [key: string]: PlistValue };

function plistValue(value: PlistValue, indent: string): string {
  if (typeof value === "string") return `${indent}<string>${escapeXml(value)}</string>`;
  if (typeof value === "number") return `${indent}<integer>${Math.trunc(value)}</integer>`;
  if (typeof value === "boolean") return `${indent}<${value}/>`;
  if (Array.isArray(value))
    return `${indent}<array>\n${value.map((v) => plistValue(v, indent + "  ")).join("\n")}\n${indent}</array>`;
  const entries = Object.entries(value).map(
    ([k, v]) => `${indent}  <key>${escapeXml(k)}</key>\n${plistValue(v, indent + "  ")}`,
  );
  return `${indent}<dict>\n${entries.join("\n")}\n${indent}</dict>`;
}

/** A name-based UUID (version 5 layout over SHA-1), stable for the same input. */
function stableUuid(name: string): string {
  const h = createHash("sha1").update(name).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`.toUpperCase();
}

/** "mail.example.net" → "net.example.mail": the reverse-DNS prefix of our identifiers. */
export function reverseDns(appUrl: string): string {
  const host = new URL(appUrl).hostname.replace(/[^a-zA-Z0-9.-]/g, "-");
  return host.split(".").reverse().join(".");
}

export function profileIdentifier(appUrl: string, mailboxId: number): string {
  return `${reverseDns(appUrl)}.octeportal.mail.${mailboxId}`;
}

export function appleProfileXml(options: {
  appUrl: string;
  mailboxId: number;
  settings: ConnectionSettings;
}): string {
  const { settings } = options;
  const identifier = profileIdentifier(options.appUrl, options.mailboxId);
  const address = settings.username;
  const incoming = settings.incoming.recommended;
  const outgoing = settings.outgoing.recommended;
  const mail: PlistValue = {
    EmailAccountDescription: address,
    EmailAccountName: address.slice(0, address.lastIndexOf("@")),
    EmailAccountType: settings.protocol === "POP3" ? "EmailTypePOP" : "EmailTypeIMAP",
    EmailAddress: address,
    IncomingMailServerAuthentication: "EmailAuthPassword",
    IncomingMailServerHostName: incoming.hostname,
    IncomingMailServerPortNumber: incoming.port,
    // "UseSSL" is TLS from the first byte on these ports; STARTTLS is not expressible here.
    IncomingMailServerUseSSL: incoming.security === "IMPLICIT_TLS",
    IncomingMailServerUsername: address,
    OutgoingMailServerAuthentication: "EmailAuthPassword",
    OutgoingMailServerHostName: outgoing.hostname,
    OutgoingMailServerPortNumber: outgoing.port,
    OutgoingMailServerUseSSL: outgoing.security === "IMPLICIT_TLS",
    OutgoingMailServerUsername: address,
    OutgoingPasswordSameAsIncomingPassword: true,
    PayloadDescription: `Mail settings for ${address}`,
    PayloadDisplayName: address,
    PayloadIdentifier: `${identifier}.account`,
    PayloadType: "com.apple.mail.managed",
    PayloadUUID: stableUuid(`${identifier}.account`),
    PayloadVersion: 1,
  };
  const profile: PlistValue = {
    PayloadContent: [mail],
    PayloadDescription: `Sets up ${address} in Mail. You will be asked for your password.`,
    PayloadDisplayName: `Email: ${address}`,
    PayloadIdentifier: identifier,
    PayloadOrganization: "Octeportal",
    PayloadRemovalDisallowed: false,
    PayloadType: "Configuration",
    PayloadUUID: stableUuid(identifier),
    PayloadVersion: 1,
  };
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">`,
    `<plist version="1.0">`,
    plistValue(profile, ""),
    `</plist>`,
    ``,
  ].join("\n");
}

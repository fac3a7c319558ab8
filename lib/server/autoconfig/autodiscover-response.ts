// Outlook Autodiscover, "Plain Old XML" flavour: answers in the
// responseschema/2006 envelope with an outlook/responseschema/2006a <Account> of type
// "email": both incoming protocols, the mailbox's chosen one first (IMAP first for any other
// address, see public-settings.ts; Outlook takes the first one it can use), then SMTP, each on
// the implicit-TLS endpoint (<SSL>on</SSL>, <Encryption>SSL</Encryption>). Errors use the schema's
// <Error> element with the documented codes: 500 (address not found / not hosted here),
// 600 (invalid request), 601 (requested response schema not available).
import type { ConnectionSettings, Endpoint } from "@/lib/server/settings/get-connection-settings";
import { isAppError } from "@/lib/server/errors/app-error";
import {
  AUTODISCOVER_MAX_BODY,
  OUTLOOK_RESPONSE_SCHEMA,
  parseAutodiscoverRequest,
} from "./autodiscover-request";
import { publicSettingsForAddress } from "./public-settings";
import { BodyTooLargeError, readLimitedBody } from "./read-limited-body";
import { tag } from "./xml";

const ENVELOPE = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";
const XML_HEADERS = { "Content-Type": "text/xml; charset=utf-8", "Cache-Control": "no-store" };

export function autodiscoverErrorXml(code: 500 | 600 | 601, message: string): string {
  const now = new Date();
  const time = now.toISOString().slice(11, 23);
  const id = String(now.getTime() % 2147483647);
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<Autodiscover xmlns="${ENVELOPE}">`,
    `  <Response>`,
    `    <Error Time="${time}" Id="${id}">`,
    `      ${tag("ErrorCode", code)}`,
    `      ${tag("Message", message)}`,
    `      <DebugData />`,
    `    </Error>`,
    `  </Response>`,
    `</Autodiscover>`,
    ``,
  ].join("\n");
}

function protocolXml(type: string, e: Endpoint, username: string, extra: string[] = []): string {
  const encryption = e.security === "IMPLICIT_TLS" ? "SSL" : "TLS";
  return [
    `      <Protocol>`,
    `        ${tag("Type", type)}`,
    `        ${tag("Server", e.hostname)}`,
    `        ${tag("Port", e.port)}`,
    `        ${tag("DomainRequired", "off")}`,
    `        ${tag("LoginName", username)}`,
    `        ${tag("SPA", "off")}`,
    `        ${tag("SSL", "on")}`,
    `        ${tag("Encryption", encryption)}`,
    `        ${tag("AuthRequired", "on")}`,
    ...extra.map((l) => `        ${l}`),
    `      </Protocol>`,
  ].join("\n");
}

export function autodiscoverSettingsXml(address: string, settings: ConnectionSettings): string {
  const incoming = (["IMAP", "POP3"] as const)
    .toSorted((a, b) => Number(b === settings.protocol) - Number(a === settings.protocol))
    .map((type) =>
      protocolXml(type, settings[type === "IMAP" ? "imap" : "pop3"].recommended, address),
    );
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<Autodiscover xmlns="${ENVELOPE}">`,
    `  <Response xmlns="${OUTLOOK_RESPONSE_SCHEMA}">`,
    `    <User>`,
    `      ${tag("DisplayName", address)}`,
    `      ${tag("AutoDiscoverSMTPAddress", address)}`,
    `    </User>`,
    `    <Account>`,
    `      ${tag("AccountType", "email")}`,
    `      ${tag("Action", "settings")}`,
    ...incoming,
    protocolXml("SMTP", settings.outgoing.recommended, address, [
      tag("UsePOPAuth", "on"),
      tag("SMTPLast", "off"),
    ]),
    `    </Account>`,
    `  </Response>`,
    `</Autodiscover>`,
    ``,
  ].join("\n");
}

const xmlResponse = (body: string, status = 200) =>
  new Response(body, { status, headers: XML_HEADERS });

export async function autodiscoverPostResponse(request: Request): Promise<Response> {
  let body: string;
  try {
    body = await readLimitedBody(request, AUTODISCOVER_MAX_BODY);
  } catch (e) {
    if (e instanceof BodyTooLargeError)
      return xmlResponse(autodiscoverErrorXml(600, "Invalid Request"), 413);
    throw e;
  }
  let parsed;
  try {
    parsed = parseAutodiscoverRequest(body);
  } catch (e) {
    if (isAppError(e)) return xmlResponse(autodiscoverErrorXml(600, "Invalid Request"), 400);
    throw e;
  }
  if (parsed.acceptableResponseSchema !== OUTLOOK_RESPONSE_SCHEMA)
    return xmlResponse(autodiscoverErrorXml(601, "Provider is not available"));
  const found = await publicSettingsForAddress(parsed.emailAddress);
  if (found.kind !== "ok")
    return xmlResponse(autodiscoverErrorXml(500, "The e-mail address cannot be found."));
  return xmlResponse(autodiscoverSettingsXml(found.address, found.settings));
}

/** Outlook's JSON discovery (AutodiscoverV1): where the POX endpoint is. */
export function autodiscoverJsonResponse(appUrl: string, protocol: string | null): Response {
  if (protocol?.toLowerCase() !== "autodiscoverv1") {
    return Response.json(
      {
        ErrorCode: "InvalidProtocol",
        ErrorMessage: `The given protocol value '${protocol ?? ""}' is invalid. Supported values are 'AutodiscoverV1'.`,
      },
      { status: 400, headers: { "Cache-Control": "no-store" } },
    );
  }
  return Response.json(
    { Protocol: "AutodiscoverV1", Url: `${appUrl}/autodiscover/autodiscover.xml` },
    { headers: { "Cache-Control": "no-store" } },
  );
}

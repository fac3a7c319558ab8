// The customer's own values for one client, taken from getConnectionSettings() only.
import type { MailProtocol } from "@/lib/generated/prisma/enums";
import type {
  ConnectionSettings,
  Endpoint,
  ServiceSettings,
} from "@/lib/server/settings/get-connection-settings";
import type { ProtocolText, Security } from "./content-model";

export type WalkthroughValues = {
  protocol: MailProtocol;
  address: string;
  /** Suggested display name: the part before the @ (the customer may type their own). */
  name: string;
  username: string;
  incoming: Endpoint;
  outgoing: Endpoint;
};

function pick(service: ServiceSettings, security: Security): Endpoint {
  return service.options.find((o) => o.security === security) ?? service.recommended;
}

export function walkthroughValues(
  settings: ConnectionSettings,
  security: { incoming: Security; outgoing: Security },
): WalkthroughValues {
  return {
    protocol: settings.protocol,
    address: settings.username,
    name: settings.username.slice(0, settings.username.lastIndexOf("@")),
    username: settings.username,
    incoming: pick(settings.incoming, security.incoming),
    outgoing: pick(settings.outgoing, security.outgoing),
  };
}

/** The {tokens} a step text may use (see content-model.ts). */
export const TOKEN_NAMES = [
  "address",
  "name",
  "username",
  "inProtocol",
  "inHost",
  "inPort",
  "outHost",
  "outPort",
] as const;

export function tokenTable(v: WalkthroughValues): Record<(typeof TOKEN_NAMES)[number], string> {
  return {
    address: v.address,
    name: v.name,
    username: v.username,
    inProtocol: v.protocol,
    inHost: v.incoming.hostname,
    inPort: String(v.incoming.port),
    outHost: v.outgoing.hostname,
    outPort: String(v.outgoing.port),
  };
}

/** Picks the protocol's variant and replaces {tokens}; unknown tokens are left visible. */
export function resolveText(
  text: ProtocolText,
  protocol: MailProtocol,
  tokens: Record<string, string>,
): string {
  const chosen = typeof text === "string" ? text : text[protocol];
  return chosen.replace(/\{([a-zA-Z]+)\}/g, (whole, key: string) => tokens[key] ?? whole);
}

// What the walkthrough pages and picture routes need for one signed-in customer.
import type { MailProtocol } from "@/lib/generated/prisma/enums";
import { loadEnv } from "@/lib/env";
import { getConnectionSettings } from "@/lib/server/settings/get-connection-settings";
import { buildWalkthrough, type ResolvedWalkthrough } from "./build-walkthrough";
import { loadWalkthroughOverrides } from "./step-text-overrides";

export function parseProtocol(value: unknown): MailProtocol | undefined {
  return value === "POP3" || value === "IMAP" ? value : undefined;
}

export { loadWalkthroughOverrides };

export async function loadCustomerWalkthrough(options: {
  customer: { address: string; preferredProtocol: MailProtocol };
  clientId: string;
  /** Preview another protocol without changing the customer's choice. */
  protocol?: MailProtocol;
}): Promise<ResolvedWalkthrough> {
  const settings = await getConnectionSettings({
    address: options.customer.address,
    protocol: options.protocol ?? options.customer.preferredProtocol,
  });
  return buildWalkthrough({
    clientId: options.clientId,
    settings,
    minTls: loadEnv().MAIL_MIN_TLS,
    overrides: await loadWalkthroughOverrides(),
  });
}

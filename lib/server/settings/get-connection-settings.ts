// The settings a customer types into their email program, built from the server endpoints
// in the database (admin-editable) and the mailbox's chosen protocol. Every page, email,
// walkthrough picture and autoconfig answer reads this one function.
import type { MailProtocol, TransportSecurity } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/server/db/client";

export type Endpoint = {
  hostname: string;
  port: number;
  security: TransportSecurity;
  recommended: boolean;
};

export type ServiceSettings = {
  /** The recommended option first (implicit TLS), then the alternative (STARTTLS). */
  options: Endpoint[];
  recommended: Endpoint;
};

export type ConnectionSettings = {
  username: string;
  protocol: MailProtocol;
  incoming: ServiceSettings & { protocol: MailProtocol };
  /** Both incoming protocols, for pages that compare them. */
  imap: ServiceSettings;
  pop3: ServiceSettings;
  outgoing: ServiceSettings;
  /** SMTP AUTH with the same username and password. */
  outgoingAuthRequired: true;
};

function service(rows: Array<Endpoint & { service: string }>, name: string): ServiceSettings {
  const options = rows
    .filter((r) => r.service === name)
    .sort(
      (a, b) =>
        Number(b.recommended) - Number(a.recommended) || a.security.localeCompare(b.security),
    )
    .map(({ hostname, port, security, recommended }) => ({
      hostname,
      port,
      security,
      recommended,
    }));
  if (options.length === 0)
    throw new Error(`No server settings for ${name}; run npm run db:migrate / npm start`);
  return { options, recommended: options[0] };
}

/** For a known address; `protocol` overrides the stored preference (e.g. previews). */
export async function getConnectionSettings(options: {
  address: string;
  protocol: MailProtocol;
}): Promise<ConnectionSettings> {
  const rows = await db().serverEndpoint.findMany();
  const imap = service(rows, "IMAP");
  const pop3 = service(rows, "POP3");
  return {
    username: options.address.toLowerCase(),
    protocol: options.protocol,
    incoming: { ...(options.protocol === "POP3" ? pop3 : imap), protocol: options.protocol },
    imap,
    pop3,
    outgoing: service(rows, "SMTP"),
    outgoingAuthRequired: true,
  };
}

// Server endpoints with distinctive values (so a test can tell ports apart), a hosted domain
// and a mailbox, all through lib/.
import { parseEnv } from "@/lib/env";
import { addDomain } from "@/lib/server/domain/add-domain";
import { addMailbox } from "@/lib/server/mailbox/add-mailbox";
import { ensureServerEndpoints } from "@/lib/server/settings/ensure-server-endpoints";

export const HOST = "mail.walk.example";
export const PORTS = {
  imaps: 10993,
  imap: 10143,
  pop3s: 10995,
  pop3: 10110,
  smtps: 10465,
  submission: 10587,
};

export async function seedWalkthroughWorld(options: { pop3?: boolean } = {}) {
  await ensureServerEndpoints(
    parseEnv({
      MAIL_HOSTNAME: HOST,
      IMAPS_PORT: String(PORTS.imaps),
      IMAP_PORT: String(PORTS.imap),
      POP3S_PORT: String(PORTS.pop3s),
      POP3_PORT: String(PORTS.pop3),
      SMTPS_PORT: String(PORTS.smtps),
      SUBMISSION_PORT: String(PORTS.submission),
    }),
  );
  const actor = { type: "system" as const };
  await addDomain({ name: "walk.test", actor });
  const mailbox = await addMailbox({
    address: "Jane.Doe@walk.test",
    password: "A long enough pass phrase 1",
    preferredProtocol: options.pop3 ? "POP3" : "IMAP",
    actor,
  });
  return mailbox;
}

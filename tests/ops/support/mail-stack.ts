// The whole mail backend (startMailBackend: SMTP, POP3, IMAP) in this process on ports the OS
// picks, logging into a captured stream; mailboxes seeded through lib/.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseEnv } from "@/lib/env";
import { addDomain } from "@/lib/server/domain/add-domain";
import { addMailbox } from "@/lib/server/mailbox/add-mailbox";
import { startMailBackend } from "@/mailserver/backend";
import { captureLogs, type CapturedLogs } from "../../support/captured-logger";

export const HOSTNAME = "mx.ops.test";
export const actor = { type: "system" as const };

type ServiceName = "smtp" | "submission" | "smtps" | "pop3" | "pop3s" | "imap" | "imaps";

export type MailStack = {
  port: Record<ServiceName, number>;
  logs: CapturedLogs;
  close(): Promise<void>;
};

// One self-signed certificate per test file.
const dataDir = mkdtempSync(path.join(os.tmpdir(), "octeportal-ops-"));

export async function startMailStack(env: Record<string, string> = {}): Promise<MailStack> {
  const parsed = parseEnv({
    ...process.env,
    DATA_DIR: dataDir,
    MAIL_HOSTNAME: HOSTNAME,
    MAIL_BIND_HOST: "127.0.0.1",
    ...env,
  });
  const logs = captureLogs();
  const backend = await startMailBackend({
    env: {
      ...parsed,
      SMTP_PORT: 0,
      SUBMISSION_PORT: 0,
      SMTPS_PORT: 0,
      POP3_PORT: 0,
      POP3S_PORT: 0,
      IMAP_PORT: 0,
      IMAPS_PORT: 0,
    },
    logger: logs.logger,
  });
  const port = Object.fromEntries(backend.services.map((s) => [s.name, s.port])) as Record<
    ServiceName,
    number
  >;
  return { port, logs, close: () => backend.close() };
}

export async function seedMailbox(address: string, password: string) {
  await addDomain({ name: address.split("@")[1], actor }).catch((e: { code?: string }) => {
    if (e.code !== "ALREADY_EXISTS") throw e;
  });
  return addMailbox({ address, password, actor });
}

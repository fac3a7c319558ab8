// Starts the real IMAP services in-process on free ports, against this test file's database.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ImapFlow } from "imapflow";
import { parseEnv } from "@/lib/env";
import { addDomain } from "@/lib/server/domain/add-domain";
import type { FolderChangeFeedOptions } from "@/lib/server/imap/folder-change-feed";
import { addMailbox } from "@/lib/server/mailbox/add-mailbox";
import { startImapServices } from "@/mailserver/imap";
import type { ImapLimits } from "@/mailserver/imap/limits";
import type { RunningService } from "@/mailserver/service";
import { loadTlsCredentials } from "@/mailserver/tls/tls-credentials";
import { freePort } from "@/scripts/support/free-port";
import { captureLogs } from "../../support/captured-logger";
import { RawImapClient } from "./raw-client";

export type TestImapServer = {
  port: number;
  tlsPort: number;
  logs: string[];
  close(): Promise<void>;
};

export async function startTestImapServer(
  limits: Partial<ImapLimits> = {},
  feedOptions: FolderChangeFeedOptions = {},
): Promise<TestImapServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "imap-test-"));
  const env = parseEnv({
    ...process.env,
    IMAP_PORT: String(await freePort()),
    IMAPS_PORT: String(await freePort()),
    DATA_DIR: dataDir,
    MAIL_BIND_HOST: "127.0.0.1",
  });
  const { logger, lines: logs } = captureLogs();
  const tls = await loadTlsCredentials(env, logger);
  const services: RunningService[] = await startImapServices(
    { env, tls, logger },
    limits,
    feedOptions,
  );
  return {
    port: services.find((s) => s.name === "imap")!.port,
    tlsPort: services.find((s) => s.name === "imaps")!.port,
    logs,
    close: async () => {
      await Promise.all(services.map((s) => s.close()));
    },
  };
}

const actor = { type: "system" as const };
const domainsReady = new Set<string>();

export const PASSWORD = "Correct Horse 42!";

/** Retries a seeding step that a heavily loaded test machine may time out. */
async function withRetry<T>(step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= 3 || code === "ALREADY_EXISTS" || code === "INVALID_INPUT") throw error;
    }
  }
}

export async function seedMailbox(address: string, options: { quotaBytes?: number } = {}) {
  const domain = address.split("@")[1];
  if (!domainsReady.has(domain)) {
    await withRetry(() => addDomain({ name: domain, actor })).catch((error) => {
      if ((error as { code?: string }).code !== "ALREADY_EXISTS") throw error;
    });
    domainsReady.add(domain);
  }
  return withRetry(() => addMailbox({ address, password: PASSWORD, actor, ...options }));
}

/** A small RFC 5322 message with CRLF line ends. */
export function sampleMessage(n: number, extra = ""): Buffer {
  return Buffer.from(
    [
      `From: Sender ${n} <sender${n}@example.org>`,
      "To: someone@imap.test",
      `Subject: Message number ${n}`,
      "Date: Mon, 2 Nov 2026 10:00:00 +0000",
      `Message-ID: <m${n}@example.org>`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      `Body of message ${n}.${extra}`,
      "",
    ].join("\r\n"),
  );
}

/** A raw session past the greeting and LOGIN (tag "l"); throws unless LOGIN answered OK. */
export async function loggedInRawClient(port: number, user: string): Promise<RawImapClient> {
  const c = await RawImapClient.connect(port);
  await c.until(/^\* OK .*\r\n/m);
  const answer = await c.command("l", `LOGIN ${user} "${PASSWORD}"`);
  if (!/^l OK/m.test(answer)) throw new Error(`LOGIN ${user} failed: ${answer}`);
  return c;
}

/**
 * imapflow (a client nobody here wrote) for `user`, not yet connected: STARTTLS on the plain
 * port against the test server's own certificate, or implicit TLS with `secure`.
 */
export function imapFlowClient(
  port: number,
  user: string,
  options: { secure?: boolean } = {},
): ImapFlow {
  return new ImapFlow({
    host: "127.0.0.1",
    port,
    secure: options.secure ?? false,
    auth: { user, pass: PASSWORD },
    tls: { rejectUnauthorized: false },
    logger: false,
  });
}

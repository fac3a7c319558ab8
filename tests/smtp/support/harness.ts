// Starts the SMTP services in-process on free ports against this test file's database,
// plus helpers to seed mailboxes and read what was stored.
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseEnv } from "@/lib/env";
import { db } from "@/lib/server/db/client";
import { addDomain } from "@/lib/server/domain/add-domain";
import { addMailbox } from "@/lib/server/mailbox/add-mailbox";
import type { MailContext, RunningService } from "@/mailserver/service";
import { startSmtpServices, type SmtpServiceOptions } from "@/mailserver/smtp";
import { loadTlsCredentials } from "@/mailserver/tls/tls-credentials";
import { captureLogs } from "../../support/captured-logger";

export const actor = { type: "system" as const };
export const HOSTNAME = "mx.octeportal.test";

export type SmtpHarness = {
  smtp: number;
  submission: number;
  smtps: number;
  logs: string[];
  tls: MailContext["tls"];
  close(): Promise<void>;
};

export async function startSmtp(
  options: { env?: Record<string, string>; services?: SmtpServiceOptions } = {},
): Promise<SmtpHarness> {
  const env = parseEnv({
    ...process.env,
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "octeportal-smtp-")),
    MAIL_HOSTNAME: HOSTNAME,
    MAIL_BIND_HOST: "127.0.0.1",
    ...options.env,
  });
  const { logger, lines: logs } = captureLogs();
  const ctx: MailContext = { env, logger, tls: await loadTlsCredentials(env, logger) };
  const services: RunningService[] = await startSmtpServices(ctx, {
    ports: { smtp: 0, submission: 0, smtps: 0 },
    closeTimeoutMs: 500,
    ...options.services,
  });
  const port = (name: string) => services.find((s) => s.name === name)!.port;
  return {
    smtp: port("smtp"),
    submission: port("submission"),
    smtps: port("smtps"),
    logs,
    tls: ctx.tls,
    close: async () => void (await Promise.all(services.map((s) => s.close()))),
  };
}

export async function seedMailbox(address: string, password: string, quotaBytes?: number) {
  const domain = address.split("@")[1];
  if (!(await db().domain.findUnique({ where: { name: domain } })))
    await addDomain({ name: domain, actor });
  return addMailbox({ address, password, quotaBytes, actor });
}

export async function inboxOf(address: string) {
  return db().message.findMany({
    where: { mailbox: { address }, folder: { name: "INBOX" } },
    orderBy: { uid: "asc" },
  });
}

export type RunResult = { code: number; stdout: string; stderr: string };

/** Runs a real client without blocking the event loop the servers run on. */
export function run(
  command: string,
  args: string[],
  input?: string,
  timeoutMs = 20_000,
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(
      command,
      args,
      { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({
          code: error ? (typeof error.code === "number" ? error.code : 1) : 0,
          stdout: String(stdout),
          stderr: String(stderr),
        }),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

export const CLIENTS = path.resolve(import.meta.dirname, "../clients");

/** Runs tests/smtp/clients/<script>.py with JSON arguments; prints JSON back. */
export async function python<T = unknown>(script: string, args: unknown): Promise<T> {
  const result = await run("python3", [path.join(CLIENTS, `${script}.py`)], JSON.stringify(args));
  if (result.code !== 0)
    throw new Error(`${script}.py failed (${result.code}): ${result.stderr || result.stdout}`);
  return JSON.parse(result.stdout) as T;
}

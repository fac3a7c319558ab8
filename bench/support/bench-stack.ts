// Shared set-up for bench scripts and drills: a throwaway PostgreSQL cluster, a migrated
// database, and the mail backend as its own process (so it can be measured and killed).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, openSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import {
  createTemplate,
  createTestDatabase,
  startCluster,
  type Cluster,
} from "../../tests/support/postgres-cluster";
import { freePort } from "../../scripts/support/free-port";
import { mailProcessEnv } from "../../scripts/support/mail-process-env";

export type MailPorts = Record<
  | "SMTP_PORT"
  | "SUBMISSION_PORT"
  | "SMTPS_PORT"
  | "IMAP_PORT"
  | "IMAPS_PORT"
  | "POP3_PORT"
  | "POP3S_PORT",
  number
>;

export type BenchStack = {
  cluster: Cluster | null;
  databaseUrl: string;
  ports: MailPorts;
  env: NodeJS.ProcessEnv;
  startBackend(): Promise<ChildProcess>;
  stop(): Promise<void>;
};

export async function waitForPort(port: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: "127.0.0.1", port }, () => {
        s.destroy();
        resolve(true);
      });
      s.on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`port ${port} not listening after ${timeoutMs} ms`);
}

/** With `databaseUrl` (e.g. a test's own database) no cluster is started. */
export async function startBenchStack(options: { databaseUrl?: string } = {}): Promise<BenchStack> {
  let cluster: Cluster | null = null;
  let databaseUrl = options.databaseUrl;
  if (!databaseUrl) {
    cluster = await startCluster();
    await createTemplate(cluster.adminUrl);
    databaseUrl = await createTestDatabase(cluster.adminUrl);
  }
  const names = [
    "SMTP_PORT",
    "SUBMISSION_PORT",
    "SMTPS_PORT",
    "IMAP_PORT",
    "IMAPS_PORT",
    "POP3_PORT",
    "POP3S_PORT",
  ] as const;
  const ports = Object.fromEntries(
    await Promise.all(names.map(async (n) => [n, await freePort()])),
  ) as MailPorts;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    DATABASE_URL: databaseUrl,
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "octeportal-bench-")),
    MAIL_BIND_HOST: "127.0.0.1",
    MAX_CLIENTS_PER_LISTENER: "20000",
    DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? "16",
  };
  Object.assign(process.env, { DATABASE_URL: databaseUrl });
  let backend: ChildProcess | null = null;
  return {
    cluster,
    databaseUrl,
    ports,
    env,
    async startBackend() {
      // BENCH_CPU_PROF=<dir>: the backend writes a V8 CPU profile there when it exits
      // (summarise it with bench/support/summarise-cpu-profile.ts).
      const profile = process.env.BENCH_CPU_PROF
        ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
        : [];
      // BENCH_BACKEND_LOG=<file>: the backend's log lines (stdout) go there instead of nowhere.
      const logFile = process.env.BENCH_BACKEND_LOG;
      backend = spawn(process.execPath, [...profile, "--import", "tsx", "mailserver/main.ts"], {
        env: mailProcessEnv(env),
        stdio: ["ignore", logFile ? openSync(logFile, "a") : "ignore", "inherit"],
      });
      await waitForPort(ports.SMTP_PORT);
      await waitForPort(ports.IMAP_PORT);
      return backend;
    },
    async stop() {
      if (backend && backend.exitCode === null && backend.signalCode === null) {
        const exited = new Promise((r) => backend!.once("exit", r));
        backend.kill("SIGTERM");
        await exited;
      }
      if (cluster) {
        const { disconnectDb } = await import("../../lib/server/db/client");
        await disconnectDb();
        await cluster.stop();
      }
    },
  };
}

export function printTable(title: string, rows: Array<Record<string, string | number>>): void {
  console.log(`\n${title}`);
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells: string[]) =>
    "| " + cells.map((c, i) => c.padEnd(widths[i])).join(" | ") + " |";
  console.log(line(columns));
  console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
  for (const r of rows) console.log(line(columns.map((c) => String(r[c]))));
}

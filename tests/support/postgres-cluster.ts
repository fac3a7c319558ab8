// A throwaway PostgreSQL cluster from the system binaries (or TEST_DATABASE_URL), with a
// migrated template database that each test file clones into its own database.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "../../lib/server/db/apply-migrations";
import { freePort } from "../../scripts/support/free-port";

export type Cluster = { adminUrl: string; stop(): Promise<void> };

function pgBinDir(): string {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root))
    throw new Error(
      "PostgreSQL binaries not found under /usr/lib/postgresql; set TEST_DATABASE_URL",
    );
  const version = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0];
  return path.join(root, version, "bin");
}

function runAsPostgres(bin: string, args: string[]) {
  const asRoot = process.getuid?.() === 0;
  const result = asRoot
    ? spawnSync("runuser", ["-u", "postgres", "--", bin, ...args], { encoding: "utf8" })
    : spawnSync(bin, args, { encoding: "utf8" });
  if (result.status !== 0)
    throw new Error(`${path.basename(bin)} failed: ${result.stderr || result.stdout}`);
}

export async function startCluster(): Promise<Cluster> {
  if (process.env.TEST_DATABASE_URL) {
    return { adminUrl: process.env.TEST_DATABASE_URL, stop: async () => {} };
  }
  const bin = pgBinDir();
  const dir = mkdtempSync(path.join(os.tmpdir(), "octeportal-pg-"));
  chmodSync(dir, 0o777);
  if (process.getuid?.() === 0) execFileSync("chown", ["postgres", dir]);
  const dataDir = path.join(dir, "data");
  const port = await freePort();
  runAsPostgres(path.join(bin, "initdb"), [
    "-D",
    dataDir,
    "-U",
    "postgres",
    "-A",
    "trust",
    "-E",
    "UTF8",
    "--no-sync",
  ]);
  runAsPostgres(path.join(bin, "pg_ctl"), [
    "-D",
    dataDir,
    "-l",
    path.join(dir, "log"),
    "-w",
    "start",
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300`,
  ]);
  return {
    adminUrl: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      runAsPostgres(path.join(bin, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "stop"]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export const TEMPLATE_DB = "octeportal_template";

export async function createTemplate(adminUrl: string): Promise<void> {
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await adminQuery(adminUrl, `CREATE DATABASE ${TEMPLATE_DB}`);
  await applyMigrations(databaseUrl(adminUrl, TEMPLATE_DB));
}

/** A fresh, migrated database for one test file. */
export async function createTestDatabase(adminUrl: string): Promise<string> {
  const name = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  return databaseUrl(adminUrl, name);
}

// Starts the built portal and the mail backend against a throwaway PostgreSQL database for
// the e2e specs. Specs seed what they need through lib/ (DATABASE_URL is exported to them).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  createTemplate,
  createTestDatabase,
  startCluster,
} from "../../tests/support/postgres-cluster";
import { ensureNextBuild } from "../../scripts/support/next-build";
import { E2E_PORT, e2eMailPorts } from "./ports";

async function waitForHealth(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} not healthy within ${timeoutMs} ms`);
}

export default async function globalSetup() {
  const cluster = await startCluster();
  await createTemplate(cluster.adminUrl);
  const databaseUrl = await createTestDatabase(cluster.adminUrl);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "octeportal-e2e-data-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...e2eMailPorts,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    PORT: String(E2E_PORT),
    APP_URL: `http://127.0.0.1:${E2E_PORT}`,
    AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
    MAIL_BIND_HOST: "127.0.0.1",
    STAFF_MFA_REQUIRED: "false",
    AUTH_FAILURE_DELAY_MS: "200",
    AUTH_FAILURE_DELAY_MAX_MS: "800",
    NEXT_TELEMETRY_DISABLED: "1",
    // Specs play one reverse proxy: each browser context sends its own X-Forwarded-For, so
    // per-IP throttling stays per test instead of shared by every spec.
    TRUST_PROXY_HOPS: "1",
  };
  Object.assign(process.env, env);
  const { ensureServerEndpoints } =
    await import("../../lib/server/settings/ensure-server-endpoints");
  const { parseEnv } = await import("../../lib/env");
  await ensureServerEndpoints(parseEnv(env));
  ensureNextBuild(env);

  const children: ChildProcess[] = [
    spawn(process.execPath, ["--import", "tsx", "mailserver/main.ts"], { env, stdio: "inherit" }),
    spawn(
      process.execPath,
      ["node_modules/next/dist/bin/next", "start", "-p", String(E2E_PORT), "-H", "127.0.0.1"],
      { env, stdio: "inherit" },
    ),
  ];
  await waitForHealth(`http://127.0.0.1:${E2E_PORT}/api/health`, 120_000);

  return async () => {
    for (const child of children) child.kill("SIGTERM");
    await Promise.all(
      children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once("exit", r)))),
    );
    const { disconnectDb } = await import("../../lib/server/db/client");
    await disconnectDb();
    await cluster.stop();
  };
}

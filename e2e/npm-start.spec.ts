// `npm start` from an empty data folder: embedded PGlite, migrations, demo seed, build,
// portal and mail backend; healthy, login page renders; a second start reuses the data.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { npmStartPorts } from "./support/ports";

const ports = npmStartPorts;
const PORT = Number(ports.PORT);

function npmStart(dataDir: string) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...ports,
    DATA_DIR: dataDir,
    MAIL_BIND_HOST: "127.0.0.1",
    APP_URL: `http://127.0.0.1:${PORT}`,
  };
  delete env.DATABASE_URL;
  delete env.AUTH_SECRET;
  const child = spawn("npm", ["start"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  return { child, output: () => output };
}

async function waitHealthy(timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`http://127.0.0.1:${PORT}/api/health`).catch(() => null);
    if (res?.status === 200) return res.json();
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error("not healthy in time");
}

async function interrupt(child: ChildProcess) {
  const exited = new Promise((r) => child.once("exit", r));
  process.kill(-child.pid!, "SIGINT"); // the whole process group, as Ctrl-C does
  await exited;
}

test("npm start from an empty data folder becomes healthy, renders sign-in, and restarts on the same data", async ({
  page,
}) => {
  test.setTimeout(420_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "octeportal-start-"));
  try {
    const first = npmStart(dataDir);
    const health = await waitHealthy(240_000);
    expect(health).toMatchObject({ status: "ok", database: "up" });
    expect(Object.values(health.listeners)).toEqual(Array(7).fill("up"));
    expect(first.output()).toMatch(/customer : demo@example\.com {2}password: \S+/);

    await page.goto(`http://127.0.0.1:${PORT}/login`);
    await expect(page.getByLabel("Email address")).toBeVisible();
    await expect(page.getByLabel("Password")).toBeVisible();

    await interrupt(first.child);
    // Nothing it started is still listening.
    expect(
      await fetch(`http://127.0.0.1:${PORT}/api/health`).then(
        () => "up",
        () => "down",
      ),
    ).toBe("down");

    const second = npmStart(dataDir);
    await waitHealthy(120_000);
    expect(second.output()).not.toContain("Demo data created");
    await interrupt(second.child);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

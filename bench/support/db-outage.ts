// Stops and restarts the PostgreSQL server behind a bench stack (pg_ctl stop -m fast, then
// start with the same port and socket folder), to see how the mail backend behaves without it.
import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";

function pgCtl(args: string[]): void {
  const bin = "/usr/lib/postgresql";
  const version = spawnSync("ls", [bin], { encoding: "utf8" })
    .stdout.trim()
    .split("\n")
    .sort((a, b) => Number(b) - Number(a))[0];
  const pgctl = path.join(bin, version, "bin", "pg_ctl");
  const asRoot = process.getuid?.() === 0;
  const result = asRoot
    ? spawnSync("runuser", ["-u", "postgres", "--", pgctl, ...args], { encoding: "utf8" })
    : spawnSync(pgctl, args, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`pg_ctl ${args[0]}: ${result.stderr || result.stdout}`);
}

export type DatabaseSwitch = { stop(): void; start(): void };

/** Works for the throwaway clusters of tests/support/postgres-cluster.ts (socket dir = parent). */
export async function databaseSwitch(adminUrl: string): Promise<DatabaseSwitch> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const { rows } = await client.query<{ data_directory: string }>("SHOW data_directory");
  await client.end();
  const dataDir = rows[0].data_directory;
  const port = new URL(adminUrl).port;
  const socketDir = path.dirname(dataDir);
  return {
    stop: () => pgCtl(["-D", dataDir, "-m", "fast", "-w", "stop"]),
    start: () =>
      pgCtl([
        "-D",
        dataDir,
        "-l",
        path.join(socketDir, "log"),
        "-w",
        "start",
        "-o",
        `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300`,
      ]),
  };
}

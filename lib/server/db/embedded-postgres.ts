// The embedded default: PGlite (Postgres in WebAssembly) with its data under DATA_DIR,
// served on loopback through pglite-socket so every process speaks the normal Postgres
// wire protocol through the same Prisma adapter as production.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";

export type EmbeddedPostgres = { url: string; owned: boolean; stop(): Promise<void> };

const MAX_CONNECTIONS = 16;

function lockFile(dataDir: string) {
  return path.join(dataDir, "pglite.json");
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function canConnect(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

const urlFor = (port: number) =>
  `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;

/** The embedded server another process of this install is already serving, if any. */
export async function findRunningEmbedded(dataDir: string): Promise<string | null> {
  const file = lockFile(dataDir);
  if (!existsSync(file)) return null;
  try {
    const { pid, port } = JSON.parse(readFileSync(file, "utf8")) as { pid: number; port: number };
    if (processAlive(pid) && (await canConnect("127.0.0.1", port))) return urlFor(port);
  } catch {
    // A torn or stale lock file: fall through and start our own.
  }
  return null;
}

/**
 * Uses the embedded server of a running `npm start` when there is one; otherwise opens the
 * data folder itself (PGlite allows one process per folder) and serves it on `port`.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
): Promise<EmbeddedPostgres> {
  const running = await findRunningEmbedded(dataDir);
  if (running) return { url: running, owned: false, stop: async () => {} };

  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  const pgDir = path.join(dataDir, "pglite");
  mkdirSync(pgDir, { recursive: true });
  const pglite = await PGlite.create(pgDir);
  const server = new PGLiteSocketServer({
    db: pglite,
    host: "127.0.0.1",
    port,
    maxConnections: MAX_CONNECTIONS,
  });
  try {
    await server.start();
  } catch (error) {
    await pglite.close();
    throw new Error(
      `Cannot serve the embedded database on 127.0.0.1:${port} (PGLITE_PORT): ${(error as Error).message}`,
      { cause: error },
    );
  }
  writeFileSync(lockFile(dataDir), JSON.stringify({ pid: process.pid, port }));
  let stopped = false;
  return {
    url: urlFor(port),
    owned: true,
    async stop() {
      if (stopped) return;
      stopped = true;
      rmSync(lockFile(dataDir), { force: true });
      await server.stop();
      await pglite.close();
    },
  };
}

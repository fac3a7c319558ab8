// The one database connection pool of a process, and the Prisma client over it. Only lib/
// imports this file. Hot protocol paths (one query per IMAP/POP3 command, SMTP commits) may use
// pgPool() directly: a pg query costs about half the CPU of the same $queryRaw through Prisma
// (0.17 vs 0.31 ms on the 2-core dev machine), and both share the same connections.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { loadEnv } from "@/lib/env";

const globalForDb = globalThis as unknown as {
  octeportalDb?: PrismaClient;
  octeportalPool?: pg.Pool;
};

export function pgPool(): pg.Pool {
  if (!globalForDb.octeportalPool) {
    const url = process.env.DATABASE_URL ?? loadEnv().DATABASE_URL;
    if (!url) {
      throw new Error(
        "DATABASE_URL is not set. `npm start` provides the embedded database; `npm run web`, `npm run mail` need DATABASE_URL.",
      );
    }
    globalForDb.octeportalPool = new pg.Pool({
      connectionString: url,
      max: Number(process.env.DB_POOL_SIZE ?? 8),
      connectionTimeoutMillis: 5_000,
    });
    // An idle connection that dies (database restarted) must not crash the process; the pool
    // drops it and the next query opens a new one.
    globalForDb.octeportalPool.on("error", () => {});
  }
  return globalForDb.octeportalPool;
}

export function db(): PrismaClient {
  if (!globalForDb.octeportalDb) {
    globalForDb.octeportalDb = new PrismaClient({ adapter: new PrismaPg(pgPool()) });
  }
  return globalForDb.octeportalDb;
}

export async function disconnectDb(): Promise<void> {
  const client = globalForDb.octeportalDb;
  const pool = globalForDb.octeportalPool;
  globalForDb.octeportalDb = undefined;
  globalForDb.octeportalPool = undefined;
  await client?.$disconnect();
  await pool?.end().catch(() => {});
}

export type { PrismaClient };
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

// The one Prisma client of a process. Only lib/ imports this file.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { loadEnv } from "@/lib/env";

const globalForDb = globalThis as unknown as { octeportalDb?: PrismaClient };

export function db(): PrismaClient {
  if (!globalForDb.octeportalDb) {
    const env = loadEnv();
    const url = process.env.DATABASE_URL ?? env.DATABASE_URL;
    if (!url) {
      throw new Error(
        "DATABASE_URL is not set. `npm start` provides the embedded database; `npm run web`, `npm run mail` need DATABASE_URL.",
      );
    }
    const adapter = new PrismaPg({
      connectionString: url,
      max: Number(process.env.DB_POOL_SIZE ?? 8),
      connectionTimeoutMillis: 5_000,
    });
    globalForDb.octeportalDb = new PrismaClient({ adapter });
  }
  return globalForDb.octeportalDb;
}

export async function disconnectDb(): Promise<void> {
  const client = globalForDb.octeportalDb;
  globalForDb.octeportalDb = undefined;
  await client?.$disconnect();
}

export type { PrismaClient };
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

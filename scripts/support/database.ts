// Resolves the database a command should use: DATABASE_URL when set, otherwise the embedded
// PGlite of this install (the running one, or one opened just for this command).
import { mkdirSync } from "node:fs";
import type { Env } from "@/lib/env";
import { applyMigrations } from "@/lib/server/db/apply-migrations";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/server/db/embedded-postgres";
import { freePort } from "./free-port";

export type ResolvedDatabase = { url: string; embedded: EmbeddedPostgres | null };

export async function resolveDatabase(
  env: Env,
  options: { port?: number } = {},
): Promise<ResolvedDatabase> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: null };
  mkdirSync(env.DATA_DIR, { recursive: true });
  const embedded = await startEmbeddedPostgres(env.DATA_DIR, options.port ?? (await freePort()));
  return { url: embedded.url, embedded };
}

export async function migrate(url: string, log = true) {
  const result = await applyMigrations(url);
  if (log) {
    for (const name of result.applied) console.log(`migration applied: ${name}`);
    if (result.applied.length === 0)
      console.log(`database is up to date (${result.alreadyApplied} migrations)`);
  }
  return result;
}

// Applies prisma/migrations/*/migration.sql in order and records them exactly as Prisma
// Migrate does (_prisma_migrations, checksum = SHA-256 of the file), so `prisma migrate
// deploy` accepts the same database on machines where Prisma's schema engine exists.
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";

// The advisory lock key Prisma Migrate uses, so the two never run at once either.
const LOCK_KEY = 72707369;

export type MigrationResult = { applied: string[]; alreadyApplied: number };

export function listMigrations(dir: string) {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"));
      return {
        name,
        sql: sql.toString("utf8"),
        checksum: createHash("sha256").update(sql).digest("hex"),
      };
    });
}

export async function applyMigrations(
  databaseUrl: string,
  dir = path.join(process.cwd(), "prisma", "migrations"),
): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const { rows } = await client.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
    }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const done = new Map(rows.map((r) => [r.migration_name, r]));
    const applied: string[] = [];
    let alreadyApplied = 0;
    for (const m of listMigrations(dir)) {
      const previous = done.get(m.name);
      if (previous?.finished_at) {
        if (previous.checksum !== m.checksum)
          console.warn(`warning: migration ${m.name} was modified after it was applied`);
        alreadyApplied++;
        continue;
      }
      if (previous)
        throw new Error(
          `Migration ${m.name} failed earlier and is marked unfinished in _prisma_migrations; fix the database and delete that row.`,
        );
      const id = randomUUID();
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
        [id, m.checksum, m.name],
      );
      try {
        await client.query("BEGIN");
        await client.query(m.sql);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        await client.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [
          id,
          String(error),
        ]);
        throw new Error(`Migration ${m.name} failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
      await client.query(
        `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
        [id],
      );
      applied.push(m.name);
    }
    return { applied, alreadyApplied };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

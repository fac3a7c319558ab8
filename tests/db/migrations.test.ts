// Proves the migrations build exactly the database schema.prisma describes: the catalog of a
// migrated database equals that of one built from schema.prisma by Prisma's own differ.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { applyMigrations, listMigrations } from "@/lib/server/db/apply-migrations";
import { adminQuery, databaseUrl } from "../support/postgres-cluster";

const differ =
  process.env.PRISMA_MIGRATION_SQL ?? path.resolve("../shared/tools/prisma-migration-sql");

async function catalog(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = async (sql: string) => (await client.query(sql)).rows;
    return {
      columns:
        await q(`SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default,
          character_maximum_length, numeric_precision, datetime_precision
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
        ORDER BY table_name, column_name`),
      indexes: await q(`SELECT tablename, indexname, indexdef FROM pg_indexes
        WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY indexname`),
      constraints:
        await q(`SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def
        FROM pg_constraint WHERE connamespace = 'public'::regnamespace
          AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY conname`),
      enums: await q(`SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname ORDER BY t.typname`),
    };
  } finally {
    await client.end();
  }
}

describe("migrations", () => {
  it("produce exactly the schema in prisma/schema.prisma", async () => {
    expect(existsSync(differ), `schema differ not found at ${differ}`).toBe(true);
    const adminUrl = inject("pgAdminUrl");
    const sql = execFileSync(differ, ["empty", "prisma/schema.prisma"], {
      encoding: "utf8",
      env: { ...process.env, DIFF_DATABASE_URL: adminUrl },
      timeout: 240_000,
    });
    expect(sql).toContain("CREATE TABLE");
    const fromSchema = `schema_${process.pid}`;
    await adminQuery(adminUrl, `CREATE DATABASE ${fromSchema}`);
    await adminQuery(databaseUrl(adminUrl, fromSchema), sql);

    const migrated = await catalog(process.env.DATABASE_URL!);
    const expected = await catalog(databaseUrl(adminUrl, fromSchema));
    expect(migrated.columns.length).toBeGreaterThan(50);
    expect(migrated).toEqual(expected);
  }, 300_000);

  it("records Prisma Migrate's bookkeeping and is idempotent", async () => {
    const url = process.env.DATABASE_URL!;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    await client.end();
    const files = listMigrations(path.resolve("prisma/migrations"));
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(
      files.map((m) => [m.name, m.checksum]),
    );
    expect(rows.every((r) => r.finished_at && r.applied_steps_count === 1)).toBe(true);
    expect(await applyMigrations(url)).toEqual({ applied: [], alreadyApplied: files.length });
  });
});

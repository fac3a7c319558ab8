// Runs before every test file: its own migrated database, so files never see each other's rows.
import { afterAll, inject } from "vitest";
import { disconnectDb } from "../../lib/server/db/client";
import { createTestDatabase } from "./postgres-cluster";

process.env.DATABASE_URL = await createTestDatabase(inject("pgAdminUrl"));
process.env.DB_POOL_SIZE ??= "5";

afterAll(async () => {
  await disconnectDb();
});

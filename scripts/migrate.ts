// npm run db:migrate: apply pending migrations to DATABASE_URL (or the embedded database).
import { loadEnv } from "@/lib/env";
import { migrate, resolveDatabase } from "./support/database";
import { runMain } from "./support/run-main";

runMain(async () => {
  const env = loadEnv();
  const database = await resolveDatabase(env);
  try {
    await migrate(database.url);
  } finally {
    await database.embedded?.stop();
  }
});

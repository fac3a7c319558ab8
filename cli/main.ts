// npm run cli -- …: works against the product's database whether or not the product runs.
import { loadEnv } from "@/lib/env";
import { disconnectDb } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { migrate, resolveDatabase } from "../scripts/support/database";
import { runMain } from "../scripts/support/run-main";
import { COMMANDS, usage } from "./commands";

runMain(async () => {
  const [group, verb, ...rest] = process.argv.slice(2);
  const command = COMMANDS[`${group} ${verb}`];
  if (!command) {
    console.error(usage());
    throw new AppError(
      "INVALID_INPUT",
      group ? `Unknown command "${[group, verb].filter(Boolean).join(" ")}".` : "No command given.",
    );
  }
  const env = loadEnv();
  const database = await resolveDatabase(env);
  process.env.DATABASE_URL = database.url;
  process.env.DB_POOL_SIZE ??= "2";
  try {
    await migrate(database.url, false);
    console.log(await command.run(rest));
  } finally {
    await disconnectDb();
    await database.embedded?.stop();
  }
});

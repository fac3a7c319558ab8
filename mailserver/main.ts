// npm run mail: the mail backend alone (SMTP, POP3, IMAP) against DATABASE_URL.
import { loadEnv, EnvError } from "@/lib/env";
import { disconnectDb } from "@/lib/server/db/client";
import { startMailBackend } from "./backend";

async function main() {
  const env = loadEnv();
  if (!process.env.DATABASE_URL && !env.DATABASE_URL)
    throw new EnvError("DATABASE_URL: required for npm run mail");
  const backend = await startMailBackend({ env, log: (m) => console.log(`[mail] ${m}`) });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await backend.close();
    await disconnectDb();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  console.error(error instanceof EnvError ? `error: ${error.message}` : error);
  process.exit(1);
});

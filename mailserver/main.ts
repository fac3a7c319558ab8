// npm run mail: the mail backend alone (SMTP, POP3, IMAP) against DATABASE_URL.
// SIGTERM/SIGINT: stop accepting, let messages being received finish (bounded), say goodbye to
// every client in its protocol's words, close the database, exit 0.
import { loadEnv, EnvError } from "@/lib/env";
import { disconnectDb } from "@/lib/server/db/client";
import { startMailBackend } from "./backend";
import { createMailLogger } from "./logging/mail-logger";

/** Past this the process exits anyway: a supervisor's SIGKILL must not be what ends it. */
const SHUTDOWN_DEADLINE_MS = 20_000;

async function main() {
  const env = loadEnv();
  const logger = createMailLogger({ level: env.LOG_LEVEL });
  if (!process.env.DATABASE_URL && !env.DATABASE_URL)
    throw new EnvError("DATABASE_URL: required for npm run mail");
  const backend = await startMailBackend({ env, logger });
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    logger.info({ event: "shutdown", signal }, "shutting down");
    setTimeout(() => {
      logger.error({ event: "shutdown_deadline" }, "shutdown took too long, exiting");
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    await backend.close();
    await disconnectDb();
    logger.info({ event: "stopped", durationMs: Date.now() - started }, "stopped");
    process.exit(0);
  };
  process.on("SIGINT", (signal) => void stop(signal));
  process.on("SIGTERM", (signal) => void stop(signal));
}

main().catch((error) => {
  console.error(error instanceof EnvError ? `error: ${error.message}` : error);
  process.exit(1);
});

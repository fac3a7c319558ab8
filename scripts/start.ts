// npm start: the whole product. Embedded PGlite unless DATABASE_URL is set, migrations,
// first-run demo data, then the portal (next start) and the mail backend as child processes.
import path from "node:path";
import { EnvError, loadEnv } from "@/lib/env";
import { disconnectDb } from "@/lib/server/db/client";
import { ensureServerEndpoints } from "@/lib/server/settings/ensure-server-endpoints";
import { seedDemoData } from "@/lib/server/seed/seed-demo-data";
import { authSecret } from "./support/auth-secret";
import { startChild, stopChildren, type Child } from "./support/children";
import { migrate, resolveDatabase } from "./support/database";
import { mailProcessEnv } from "./support/mail-process-env";
import { ensureNextBuild } from "./support/next-build";

async function main() {
  const env = loadEnv();
  const database = await resolveDatabase(env, { port: env.PGLITE_PORT });
  if (database.embedded && !database.embedded.owned)
    throw new Error(`Another npm start already serves ${env.DATA_DIR}; stop it first.`);
  const children: Child[] = [];
  let shuttingDown = false;
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log("stopping…");
    await stopChildren(children);
    await disconnectDb().catch(() => {});
    await database.embedded?.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    process.env.DATABASE_URL = database.url;
    await migrate(database.url);
    await ensureServerEndpoints(env);
    if (database.embedded) {
      const demo = await seedDemoData();
      if (demo) printDemoCredentials(demo);
    }
    await disconnectDb();

    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: database.url,
      AUTH_SECRET: authSecret(env.DATA_DIR, env.AUTH_SECRET),
      DATA_DIR: env.DATA_DIR,
      DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? (database.embedded ? "6" : "10"),
      NEXT_TELEMETRY_DISABLED: "1",
    };
    ensureNextBuild(childEnv);
    if (shuttingDown) return;
    const nextBin = path.join("node_modules", "next", "dist", "bin", "next");
    children.push(
      startChild("mail", ["--import", "tsx", "mailserver/main.ts"], mailProcessEnv(childEnv)),
    );
    children.push(startChild("web", [nextBin, "start", "-p", String(env.PORT)], childEnv));
    console.log(`portal: ${env.APP_URL} (health: ${env.APP_URL}/api/health)`);
    const first = await Promise.race(children.map((c) => c.exited.then((code) => ({ c, code }))));
    if (!shuttingDown) {
      console.error(`${first.c.name} exited (code ${first.code}); stopping everything`);
      await shutdown(1);
    }
  } catch (error) {
    console.error(error instanceof EnvError ? `error: ${error.message}` : error);
    await shutdown(1);
  }
}

function printDemoCredentials(demo: NonNullable<Awaited<ReturnType<typeof seedDemoData>>>) {
  console.log(
    [
      "",
      "=== Demo data created (shown once; change these passwords) ===",
      `  customer : ${demo.customer.address}  password: ${demo.customer.password}`,
      `  staff    : ${demo.staff.email}  password: ${demo.staff.password}  (admin, at /admin)`,
      "===============================================================",
      "",
    ].join("\n"),
  );
}

main().catch((error) => {
  console.error(error instanceof EnvError ? `error: ${error.message}` : error);
  process.exit(1);
});

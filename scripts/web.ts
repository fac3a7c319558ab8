// npm run web: the portal alone (production split) against DATABASE_URL.
import path from "node:path";
import { EnvError, loadEnv } from "@/lib/env";
import { startChild } from "./support/children";
import { ensureNextBuild } from "./support/next-build";
import { runMain } from "./support/run-main";

runMain(async () => {
  const env = loadEnv();
  if (!env.DATABASE_URL)
    throw new EnvError("DATABASE_URL: required for npm run web (npm start embeds a database)");
  if (!env.AUTH_SECRET)
    throw new EnvError("AUTH_SECRET: required for npm run web (32+ random characters)");
  ensureNextBuild();
  const web = startChild(
    "web",
    [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(env.PORT)],
    process.env,
  );
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => web.process.kill(signal));
  const code = await web.exited;
  if (code !== 0) throw new Error(`next start exited with code ${code}`);
});

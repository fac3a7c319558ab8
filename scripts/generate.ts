// Generates the Prisma client into lib/generated/prisma (run by `npm ci` as postinstall).
// Prisma's CLI insists on a native schema engine even though `generate` never runs it; where
// the engine could not be downloaded (offline machines) we point it at a harmless executable.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

const enginesDir = path.join("node_modules", "@prisma", "engines");
const hasEngine =
  existsSync(enginesDir) && readdirSync(enginesDir).some((f) => f.startsWith("schema-engine"));
const env = { ...process.env };
if (!hasEngine && !env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = "/bin/true";

execFileSync(
  process.execPath,
  [path.join("node_modules", "prisma", "build", "index.js"), "generate"],
  {
    stdio: "inherit",
    env,
  },
);

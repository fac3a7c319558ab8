// Builds the portal when there is no build yet or its sources changed since the last one.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "next.config.ts",
  "postcss.config.mjs",
  "package-lock.json",
  "tsconfig.json",
];
const STAMP = path.join(".next", "octeportal-sources.sha256");

function fingerprint(): string {
  const hash = createHash("sha256");
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p).sort()) visit(path.join(p, entry));
    } else {
      hash.update(`${p}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  };
  SOURCES.forEach(visit);
  return hash.digest("hex");
}

export function ensureNextBuild(env: NodeJS.ProcessEnv = process.env): void {
  const current = fingerprint();
  const built =
    existsSync(path.join(".next", "BUILD_ID")) && existsSync(STAMP)
      ? readFileSync(STAMP, "utf8")
      : "";
  if (built === current) return;
  console.log("building the portal (next build)…");
  const result = spawnSync(
    process.execPath,
    [path.join("node_modules", "next", "dist", "bin", "next"), "build"],
    {
      stdio: "inherit",
      env: { ...env, NEXT_TELEMETRY_DISABLED: "1" },
    },
  );
  if (result.status !== 0) throw new Error("next build failed");
  writeFileSync(STAMP, current);
}

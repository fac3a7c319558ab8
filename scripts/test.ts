// npm test: unit + integration (vitest, real PostgreSQL), then e2e (Playwright, real Chromium).
import { spawnSync } from "node:child_process";

function run(label: string, command: string, args: string[]) {
  console.log(`\n=== ${label} ===`);
  const result = spawnSync(command, args, {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  return result.status === 0;
}

const extra = process.argv.slice(2);
const results = [
  run("unit and integration (vitest)", "npx", ["vitest", "run", ...extra]),
  run("end-to-end (playwright)", "npx", ["playwright", "test"]),
];
process.exit(results.every(Boolean) ? 0 : 1);

import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: [
      "tests/**/*.test.ts",
      "lib/**/*.test.ts",
      "mailserver/**/*.test.ts",
      "cli/**/*.test.ts",
    ],
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/per-file-database.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: {
      NODE_ENV: "test",
      MAIL_BIND_HOST: "127.0.0.1",
      AUTH_FAILURE_DELAY_MS: "100",
      AUTH_FAILURE_DELAY_MAX_MS: "400",
    },
  },
});

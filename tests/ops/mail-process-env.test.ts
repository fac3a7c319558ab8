// The mail backend starts with two malloc arenas unless the operator chose otherwise; with
// glibc's default the argon2id worker threads' arenas kept 10,000 idle IMAP sessions above
// 500 MB RSS (README Performance). The npm script and `npm start` both apply it.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { mailProcessEnv } from "@/scripts/support/mail-process-env";

describe("mail backend process environment", () => {
  it("defaults MALLOC_ARENA_MAX to 2 and keeps everything else", () => {
    const env = mailProcessEnv({ DATABASE_URL: "postgresql://x", PATH: "/bin" });
    expect(env).toEqual({ DATABASE_URL: "postgresql://x", PATH: "/bin", MALLOC_ARENA_MAX: "2" });
  });

  it("leaves an operator's own MALLOC_ARENA_MAX alone", () => {
    expect(mailProcessEnv({ MALLOC_ARENA_MAX: "8" }).MALLOC_ARENA_MAX).toBe("8");
  });

  it("is what `npm run mail` and `npm start` start the backend with", () => {
    const script = JSON.parse(readFileSync("package.json", "utf8")).scripts.mail as string;
    const shown = (env: Record<string, string>) =>
      execFileSync("sh", ["-c", script.replace(/ tsx .*$/, " sh -c 'echo $MALLOC_ARENA_MAX'")], {
        env: { ...process.env, MALLOC_ARENA_MAX: undefined, ...env },
        encoding: "utf8",
      }).trim();
    expect(shown({})).toBe("2");
    expect(shown({ MALLOC_ARENA_MAX: "4" })).toBe("4");
    expect(readFileSync("scripts/start.ts", "utf8")).toMatch(/mailProcessEnv\(childEnv\)/);
  });
});

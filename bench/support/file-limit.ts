// Raises this process's soft open-file limit (children inherit it) so thousands of sockets fit;
// Node has no setrlimit, util-linux's prlimit does it for a running pid.
import { execFileSync } from "node:child_process";

function limits(): { soft: number; hard: number } {
  const out = execFileSync(
    "prlimit",
    ["--pid", String(process.pid), "--nofile", "--raw", "-o", "SOFT,HARD", "--noheadings"],
    {
      encoding: "utf8",
    },
  );
  const [soft, hard] = out
    .trim()
    .split(/\s+/)
    .map((v) => (v === "unlimited" ? Infinity : Number(v)));
  return { soft, hard };
}

/** Ensures `needed` descriptors; throws with the command to run when the hard limit is lower. */
export function ensureFileLimit(needed: number): number {
  let { soft, hard } = limits();
  if (soft < needed && hard > soft) {
    const target = Number.isFinite(hard) ? hard : needed;
    try {
      execFileSync("prlimit", [
        "--pid",
        String(process.pid),
        `--nofile=${target}:${hard === Infinity ? "unlimited" : hard}`,
      ]);
    } catch {
      // Reported below with the command that fixes it.
    }
    ({ soft, hard } = limits());
  }
  if (soft < needed)
    throw new Error(
      `open-file limit ${soft} (hard ${hard}) < ${needed} needed: run \`ulimit -n ${needed}\` ` +
        `(as root, or after raising the hard limit in /etc/security/limits.conf) and rerun`,
    );
  return soft;
}

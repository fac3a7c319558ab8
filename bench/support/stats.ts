// Latency bookkeeping and machine facts for bench scripts.
import { readFileSync } from "node:fs";
import os from "node:os";

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const rank = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, rank)];
}

export function summarise(samplesMs: number[]): {
  n: number;
  p50: number;
  p99: number;
  max: number;
} {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

export const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : "-");
export const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** Resident set size of a process in bytes (Linux /proc). */
export function rssBytes(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return kb ? Number(kb[1]) * 1024 : 0;
}

/** CPU time (user + system) a process has used so far, in seconds (Linux /proc). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz)
}

/** One line naming the machine, the moment and its load, printed under every result table. */
export function machineLine(): string {
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
  return (
    `machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? "cpu"}, ` +
    `${Math.round(os.totalmem() / 1024 ** 3)} GB, Node ${process.version}; ` +
    `${new Date().toISOString().slice(0, 16)}Z; load average ${load}`
  );
}

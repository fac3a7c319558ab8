// SMTP inbound throughput: Postfix's smtp-source against our inbound port (every 250 means the
// message is committed in PostgreSQL), and against Postfix's smtp-sink as the no-storage ceiling.
//   npm ci && npx tsx bench/smtp-inbound.ts [messages=2000] [sessions=10] [sizeKB=10] [mailboxes=1]
// With several mailboxes, one smtp-source per mailbox runs at the same time, the sessions and
// messages split between them. PostgreSQL runs with fsync on (as in production), so a 250 is
// durable; BENCH_FSYNC=off measures without it (never use that in production).
import { spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { freePort } from "../scripts/support/free-port";
import { adminQuery } from "../tests/support/postgres-cluster";
import { printTable, startBenchStack, waitForPort } from "./support/bench-stack";

const [messages = 2000, sessions = 10, sizeKb = 10, mailboxes = 1] = process.argv
  .slice(2)
  .map(Number);
const fsync = process.env.BENCH_FSYNC !== "off";
const SMTP_SOURCE = "/usr/sbin/smtp-source";
const SMTP_SINK = "/usr/sbin/smtp-sink";
const recipient = (i: number) => (mailboxes === 1 ? "bench@bench.test" : `bench${i}@bench.test`);

/** Splits n as evenly as possible into `parts` positive shares. */
function shares(n: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(n / parts) + (i < n % parts ? 1 : 0));
}

function runSmtpSource(port: number, to: string, count: number, sessionCount: number) {
  return new Promise<void>((resolve, reject) => {
    const args = ["-s", String(sessionCount), "-m", String(count), "-l", String(sizeKb * 1024)];
    const child = spawn(
      SMTP_SOURCE,
      [...args, "-f", "bench@sender.test", "-t", to, `127.0.0.1:${port}`],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`smtp-source failed: ${stderr}`)),
    );
  });
}

/** Seconds for all messages, spread over the mailboxes' recipients in parallel. */
async function smtpSource(port: number): Promise<number> {
  const started = process.hrtime.bigint();
  const counts = shares(messages, mailboxes);
  const sessionCounts = shares(Math.max(sessions, mailboxes), mailboxes);
  await Promise.all(counts.map((n, i) => runSmtpSource(port, recipient(i), n, sessionCounts[i])));
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** CPU seconds (user + system) a process has used so far; 0 once it is gone. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in USER_HZ ticks
  } catch {
    return 0;
  }
}

/** The PostgreSQL server's processes: the postmaster and its children (one per connection). */
async function postgresPids(): Promise<number[]> {
  const { db } = await import("../lib/server/db/client");
  const [{ dir }] = await db().$queryRaw<Array<{ dir: string }>>`
    SELECT setting AS dir FROM pg_settings WHERE name = 'data_directory'`;
  const postmaster = Number(readFileSync(`${dir}/postmaster.pid`, "utf8").split("\n")[0]);
  const children = readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        const stat = readFileSync(`/proc/${p}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === postmaster;
      } catch {
        return false;
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

async function main() {
  if (spawnSync(SMTP_SOURCE, ["-h"]).error)
    throw new Error("smtp-source not found: apt-get install postfix (the daemon need not run)");
  const stack = await startBenchStack();
  try {
    if (stack.cluster) {
      // The throwaway cluster starts with fsync=off (fast tests); a benchmark of committed
      // messages must pay for durability. fsync is a reload-time setting.
      await adminQuery(stack.cluster.adminUrl, `ALTER SYSTEM SET fsync = ${fsync ? "on" : "off"}`);
      await adminQuery(stack.cluster.adminUrl, "SELECT pg_reload_conf()");
    }
    const { addDomain } = await import("../lib/server/domain/add-domain");
    const { addMailbox } = await import("../lib/server/mailbox/add-mailbox");
    const { db } = await import("../lib/server/db/client");
    const actor = { type: "system" as const };
    await addDomain({ name: "bench.test", actor });
    for (let i = 0; i < mailboxes; i++)
      await addMailbox({
        address: recipient(i),
        password: "Sturdy Copper Bell",
        quotaBytes: 1024 ** 4,
        actor,
      });
    const backend = await stack.startBackend();
    const loadBefore = loadavg()[0];
    const backendBefore = cpuSeconds(backend.pid!);
    const postgresBefore = new Map((await postgresPids()).map((pid) => [pid, cpuSeconds(pid)]));
    const ours = await smtpSource(stack.ports.SMTP_PORT);
    // Connections opened during the run count from zero.
    const cpu = {
      backend: cpuSeconds(backend.pid!) - backendBefore,
      postgres: (await postgresPids()).reduce(
        (sum, pid) => sum + cpuSeconds(pid) - (postgresBefore.get(pid) ?? 0),
        0,
      ),
    };
    const loadOurs = loadavg()[0];
    const stored = await db().message.count();

    const sinkPort = await freePort();
    // smtp-sink refuses to run as root without dropping privileges to a named user.
    const asRoot = process.getuid?.() === 0 ? ["-u", "nobody"] : [];
    const sink = spawn(SMTP_SINK, [...asRoot, `127.0.0.1:${sinkPort}`, "1000"], {
      stdio: "ignore",
    });
    await waitForPort(sinkPort);
    const ceiling = await smtpSource(sinkPort);
    sink.kill("SIGTERM");

    printTable(
      `SMTP inbound, ${messages} messages × ${sizeKb} KB, ${sessions} sessions, ` +
        `${mailboxes} mailbox(es), fsync ${fsync ? "on" : "off"} (smtp-source)`,
      [
        {
          target: "octeportal (committed to PostgreSQL)",
          seconds: ours.toFixed(2),
          "msgs/s": (messages / ours).toFixed(0),
          stored,
        },
        {
          target: "postfix smtp-sink (no storage)",
          seconds: ceiling.toFixed(2),
          "msgs/s": (messages / ceiling).toFixed(0),
          stored: "-",
        },
      ],
    );
    console.log(`ratio ours/sink: ${(ceiling / ours).toFixed(2)}`);
    console.log(
      `load average (1 min) before/after our run: ${loadBefore.toFixed(2)}/${loadOurs.toFixed(2)} on ${cpus().length} CPUs`,
    );
    // On a shared machine msgs/s mostly measures the share of CPU we got; CPU per message
    // does not depend on that share.
    console.log(
      `CPU per message: backend ${((cpu.backend / messages) * 1000).toFixed(2)} ms, ` +
        `PostgreSQL ${((cpu.postgres / messages) * 1000).toFixed(2)} ms`,
    );
    if (stored !== messages)
      console.log(`WARNING: ${messages - stored} messages missing from the store`);
  } finally {
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

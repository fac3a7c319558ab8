// CPU per stored message of the write path itself, without SMTP or IMAP around it: this
// process calls the batch commit (what SMTP delivery runs) or deliverMessage (what IMAP APPEND
// runs) in a loop against a throwaway cluster with fsync on, and prints the CPU time per message
// of this process and of every PostgreSQL process (from /proc), with one LISTEN connection open
// as a mail backend has. Much less noisy than the end-to-end benches on a shared machine.
//   npx tsx bench/delivery-commit-cpu.ts [messages=2000] [batch=8] [kind=source|corpus] [path=batch|append]
// kind: `source` = smtp-source's 10 KB message (header + lines of X), `corpus` = the 2–20 KB
// mixed corpus of bench/support/message-corpus.ts. BENCH_RAW_STORAGE=pglz|lz4|external|main
// changes Message.raw's compression or storage first (to compare them); BENCH_PIDS_FILE=<file>
// receives the PostgreSQL pids before the timed loop (for `perf record -p`).
import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import pg from "pg";
import {
  adminQuery,
  createTemplate,
  createTestDatabase,
  startCluster,
} from "../tests/support/postgres-cluster";
import { corpusMessage } from "./support/message-corpus";
import { addBenchDomain, addBenchMailbox } from "./support/seed-mail";

const [messagesArg = "2000", batchArg = "8", kind = "source", path = "batch"] =
  process.argv.slice(2);
const messages = Number(messagesArg);
const batchSize = Number(batchArg);

function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function postgresPids(dataDir: string): number[] {
  const postmaster = Number(readFileSync(`${dataDir}/postmaster.pid`, "utf8").split("\n")[0]);
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

/** smtp-source -l 10240: four header lines, then 80-character lines "<n>XXXX…". */
function smtpSourceMessage(index: number): Buffer {
  const lines = [
    "From: <bench@sender.test>",
    "To: <bench@bench.test>",
    `Date: ${new Date().toUTCString()}`,
    `Message-Id: <${index.toString(16)}.0003.0000@vm>`,
    "",
  ];
  for (let n = 1, size = 0; size < 10240; n++) {
    const line = `${n}${"X".repeat(79)}`.slice(0, 78);
    lines.push(line);
    size += line.length + 2;
  }
  return Buffer.from(lines.join("\r\n") + "\r\n");
}

async function main() {
  const cluster = await startCluster();
  try {
    await adminQuery(cluster.adminUrl, "ALTER SYSTEM SET fsync = on");
    await adminQuery(cluster.adminUrl, "SELECT pg_reload_conf()");
    await createTemplate(cluster.adminUrl);
    process.env.DATABASE_URL = await createTestDatabase(cluster.adminUrl);
    const { pgPool, disconnectDb } = await import("../lib/server/db/client");
    const { commitDeliveryBatch } = await import("../lib/server/mail-store/commit-delivery-batch");
    const { deliverMessage, imapFields } = await import("../lib/server/mail-store/deliver-message");
    const storage = process.env.BENCH_RAW_STORAGE;
    if (storage === "external" || storage === "main" || storage === "extended")
      await pgPool().query(`ALTER TABLE "Message" ALTER COLUMN raw SET STORAGE ${storage}`);
    else if (storage)
      await pgPool().query(`ALTER TABLE "Message" ALTER COLUMN raw SET COMPRESSION ${storage}`);
    await addBenchDomain("bench.test");
    const { id: mailboxId } = await addBenchMailbox("bench@bench.test");
    const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
    let notifications = 0;
    listener.on("notification", () => notifications++);
    await listener.query("LISTEN octeportal_folder_change");
    const [{ setting: dataDir }] = (
      await pgPool().query<{ setting: string }>(
        "SELECT setting FROM pg_settings WHERE name = 'data_directory'",
      )
    ).rows;
    const raw = (i: number) => (kind === "corpus" ? corpusMessage(i).raw : smtpSourceMessage(i));
    // Warm-up: connections open, plans cached.
    await commitDeliveryBatch([
      { mailboxIds: [mailboxId], raw: raw(0), imap: imapFields(raw(0)), internalDate: new Date() },
    ]);

    const load = loadavg()[0];
    if (process.env.BENCH_PIDS_FILE)
      (await import("node:fs")).writeFileSync(
        process.env.BENCH_PIDS_FILE,
        postgresPids(dataDir).join(","),
      );
    const pgBefore = new Map(postgresPids(dataDir).map((pid) => [pid, cpuSeconds(pid)]));
    const nodeBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    for (let start = 1; start <= messages; start += batchSize) {
      const batch = [];
      for (let i = start; i < Math.min(messages + 1, start + batchSize); i++) batch.push(raw(i));
      if (path === "append") {
        for (const r of batch)
          await deliverMessage({ mailboxId, folder: "INBOX", raw: r, flags: ["\\Seen"] });
      } else {
        await commitDeliveryBatch(
          batch.map((r) => ({
            mailboxIds: [mailboxId],
            raw: r,
            imap: imapFields(r),
            internalDate: new Date(),
          })),
        );
      }
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const node = process.cpuUsage(nodeBefore);
    const pgCpu = postgresPids(dataDir).reduce(
      (sum, pid) => sum + cpuSeconds(pid) - (pgBefore.get(pid) ?? 0),
      0,
    );
    await new Promise((r) => setTimeout(r, 200));
    const { rows } = await pgPool().query<{ n: string; bytes: string }>(
      `SELECT count(*) AS n, pg_total_relation_size('"Message"') AS bytes FROM "Message"`,
    );
    console.log(
      `${path} kind=${kind} batch=${batchSize}: ${messages} messages in ${seconds.toFixed(2)} s ` +
        `(${(messages / seconds).toFixed(0)} msgs/s), load ${load.toFixed(2)}`,
    );
    console.log(
      `CPU per message: this process ${((node.user + node.system) / 1000 / messages).toFixed(3)} ms, ` +
        `PostgreSQL ${((pgCpu / messages) * 1000).toFixed(3)} ms; ` +
        `stored ${rows[0].n}, Message relation ${(Number(rows[0].bytes) / 1024 / 1024).toFixed(1)} MB, ` +
        `notifications ${notifications}`,
    );
    await listener.end();
    await disconnectDb();
  } finally {
    await cluster.stop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

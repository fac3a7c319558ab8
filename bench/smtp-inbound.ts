// SMTP inbound throughput: Postfix's smtp-source against our inbound port (every 250 means the
// message is committed in PostgreSQL), and against Postfix's smtp-sink as the no-storage ceiling.
//   npm ci && npx tsx bench/smtp-inbound.ts [messages=2000] [sessions=10] [sizeKB=10]
import { spawn, spawnSync } from "node:child_process";
import { freePort } from "../scripts/support/free-port";
import { printTable, startBenchStack, waitForPort } from "./support/bench-stack";

const [messages = 2000, sessions = 10, sizeKb = 10] = process.argv.slice(2).map(Number);
const SMTP_SOURCE = "/usr/sbin/smtp-source";
const SMTP_SINK = "/usr/sbin/smtp-sink";

function smtpSource(port: number): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(
    SMTP_SOURCE,
    [
      "-s",
      String(sessions),
      "-m",
      String(messages),
      "-l",
      String(sizeKb * 1024),
      "-f",
      "bench@sender.test",
      "-t",
      "bench@bench.test",
      `127.0.0.1:${port}`,
    ],
    { encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`smtp-source failed: ${result.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function main() {
  if (spawnSync(SMTP_SOURCE, ["-h"]).error)
    throw new Error("smtp-source not found: apt-get install postfix (the daemon need not run)");
  const stack = await startBenchStack();
  try {
    const { addDomain } = await import("../lib/server/domain/add-domain");
    const { addMailbox } = await import("../lib/server/mailbox/add-mailbox");
    const { db } = await import("../lib/server/db/client");
    const actor = { type: "system" as const };
    await addDomain({ name: "bench.test", actor });
    const mailbox = await addMailbox({
      address: "bench@bench.test",
      password: "Bench Password Long",
      quotaBytes: 1024 ** 4,
      actor,
    });
    await stack.startBackend();

    const ours = smtpSource(stack.ports.SMTP_PORT);
    const stored = await db().message.count({ where: { mailboxId: mailbox.id } });

    const sinkPort = await freePort();
    const sink = spawn(SMTP_SINK, ["-c", `127.0.0.1:${sinkPort}`, "1000"], { stdio: "ignore" });
    await waitForPort(sinkPort);
    const ceiling = smtpSource(sinkPort);
    sink.kill("SIGTERM");

    printTable(
      `SMTP inbound, ${messages} messages × ${sizeKb} KB, ${sessions} sessions (smtp-source)`,
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

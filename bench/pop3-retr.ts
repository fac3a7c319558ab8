// POP3 RETR speed and memory: one large message fetched with curl (pop3 on loopback, then
// pop3s), and many small messages in one Python poplib session. The mail backend runs as its
// own process (bench stack), so its resident memory is measured from /proc while it serves.
//   npm ci && npx tsx bench/pop3-retr.ts [largeMB=50] [smallCount=500]
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { printTable, startBenchStack } from "./support/bench-stack";

const [largeMb = 50, smallCount = 500] = process.argv.slice(2).map(Number);
const run = promisify(execFile);
const PASSWORD = "Sturdy Copper Bell";
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

function largeMessage(bytes: number): Buffer {
  const line = Buffer.from(`${"A".repeat(76)}\r\n`);
  const dotLine = Buffer.from(`.${"B".repeat(75)}\r\n`);
  const header = Buffer.from("From: bench@example.org\r\nSubject: large\r\n\r\n");
  const count = Math.ceil((bytes - header.length) / line.length);
  return Buffer.concat([
    header,
    ...Array.from({ length: count }, (_, i) => (i % 10 ? line : dotLine)),
  ]);
}

/** Resident set size of a process in bytes (Linux). */
function rss(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return kb ? Number(kb[1]) * 1024 : 0;
}

async function main() {
  const stack = await startBenchStack();
  try {
    const { addDomain } = await import("../lib/server/domain/add-domain");
    const { addMailbox } = await import("../lib/server/mailbox/add-mailbox");
    const { deliverMessage } = await import("../lib/server/mail-store/deliver-message");
    const actor = { type: "system" as const };
    await addDomain({ name: "bench.test", actor });
    const big = await addMailbox({
      address: "big@bench.test",
      password: PASSWORD,
      quotaBytes: 1024 ** 4,
      actor,
    });
    const many = await addMailbox({ address: "many@bench.test", password: PASSWORD, actor });
    const message = largeMessage(largeMb * 1024 * 1024);
    await deliverMessage({ mailboxId: big.id, raw: message });
    const small = Buffer.from(`Subject: small\r\n\r\n${`${"x".repeat(78)}\r\n`.repeat(100)}`);
    for (let i = 0; i < smallCount; i++) await deliverMessage({ mailboxId: many.id, raw: small });

    const backend = await stack.startBackend();
    const pid = backend.pid!;
    const { POP3_PORT, POP3S_PORT } = stack.ports;
    const scratch = mkdtempSync(path.join(os.tmpdir(), "pop3-bench-"));
    const baseline = rss(pid);
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, rss(pid))), 5);

    const rows: Array<Record<string, string | number>> = [];
    for (const [label, url, extra] of [
      ["curl pop3:// (loopback)", `pop3://127.0.0.1:${POP3_PORT}/1`, []],
      ["curl pop3s://", `pop3s://127.0.0.1:${POP3S_PORT}/1`, ["--insecure"]],
    ] as const) {
      const output = path.join(scratch, "retr.eml");
      const started = process.hrtime.bigint();
      await run("curl", [
        "-s",
        "--user",
        `big@bench.test:${PASSWORD}`,
        ...extra,
        url,
        "-o",
        output,
      ]);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (!readFileSync(output).equals(message)) throw new Error(`${label}: not byte-exact`);
      rows.push({
        client: label,
        what: `RETR ${mb(message.length)} MB`,
        seconds: seconds.toFixed(2),
        rate: `${mb(message.length / seconds)} MB/s`,
      });
    }
    clearInterval(sampler);

    const script = `
import poplib, time
p = poplib.POP3("127.0.0.1", ${POP3_PORT})
p.user("many@bench.test"); p.pass_("${PASSWORD}")
t = time.perf_counter()
n = len(p.list()[1])
for i in range(1, n + 1): p.retr(i)
p.quit()
print(n, time.perf_counter() - t)`;
    const { stdout } = await run("python3", ["-c", script]);
    const [count, seconds] = stdout.trim().split(" ").map(Number);
    rows.push({
      client: "python poplib",
      what: `LIST + ${count} × RETR ${(small.length / 1024).toFixed(1)} KB`,
      seconds: seconds.toFixed(2),
      rate: `${(count / seconds).toFixed(0)} msgs/s`,
    });

    printTable("POP3 RETR (login included for curl)", rows);
    console.log(
      `backend RSS: ${mb(baseline)} MB before, ${mb(peak)} MB at peak while sending ` +
        `${mb(message.length)} MB twice (+${mb(peak - baseline)} MB)`,
    );
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

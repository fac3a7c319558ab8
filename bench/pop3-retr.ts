// POP3 RETR speed and memory: one 50 MB message, and 500 small messages in one session.
//   DATABASE_URL=postgresql://… npx tsx bench/pop3-retr.ts
// Clients are curl (large message, pop3 on loopback and pop3s) and Python poplib (many small
// messages), each a separate process; this process hosts only the POP3 server, so its peak RSS
// above the baseline is what serving the message costs.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { loadEnv } from "@/lib/env";
import { disconnectDb } from "@/lib/server/db/client";
import { addDomain } from "@/lib/server/domain/add-domain";
import { addMailbox } from "@/lib/server/mailbox/add-mailbox";
import { deliverMessage } from "@/lib/server/mail-store/deliver-message";
import { startPop3Services } from "@/mailserver/pop3";
import { loadTlsCredentials } from "@/mailserver/tls/tls-credentials";

const run = promisify(execFile);
const actor = { type: "system" as const };
const PASSWORD = "Bench Mark Secret 1";
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

async function main() {
  const suffix = Date.now().toString(36);
  const domain = `bench-${suffix}.test`;
  await addDomain({ name: domain, actor });
  const big = await addMailbox({
    address: `big@${domain}`,
    password: PASSWORD,
    actor,
    quotaBytes: 1024 ** 3,
  });
  const many = await addMailbox({ address: `many@${domain}`, password: PASSWORD, actor });
  const message = largeMessage(50 * 1024 * 1024);
  await deliverMessage({ mailboxId: big.id, raw: message });
  const small = Buffer.from(`Subject: small\r\n\r\n${`${"x".repeat(78)}\r\n`.repeat(100)}`);
  for (let i = 0; i < 500; i++) await deliverMessage({ mailboxId: many.id, raw: small });

  const env = { ...loadEnv(), POP3_PORT: 0, POP3S_PORT: 0, MAIL_BIND_HOST: "127.0.0.1" };
  env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "pop3-bench-"));
  const tls = await loadTlsCredentials(env, () => {});
  const services = await startPop3Services({ env, tls, log: () => {} });
  const port = (name: string) => services.find((s) => s.name === name)!.port;

  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);

  const results: string[] = [];
  for (const [label, url, extra] of [
    ["pop3 (loopback, plain)", `pop3://127.0.0.1:${port("pop3")}/1`, []],
    ["pop3s (implicit TLS)", `pop3s://127.0.0.1:${port("pop3s")}/1`, ["--insecure"]],
  ] as const) {
    const started = process.hrtime.bigint();
    const output = path.join(env.DATA_DIR, "retr.eml");
    await run("curl", ["-s", "--user", `big@${domain}:${PASSWORD}`, ...extra, url, "-o", output]);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (!readFileSync(output).equals(message)) throw new Error("RETR was not byte-exact");
    results.push(
      `RETR ${mb(message.length)} MB over ${label}: ${seconds.toFixed(2)} s, ${mb(message.length / seconds)} MB/s (login included)`,
    );
  }
  clearInterval(sampler);
  results.push(
    `server RSS: baseline ${mb(baseline)} MB, peak ${mb(peak)} MB (+${mb(peak - baseline)} MB for a ${mb(message.length)} MB message)`,
  );

  const script = `
import poplib, sys, time
p = poplib.POP3("127.0.0.1", ${port("pop3")})
p.user("many@${domain}"); p.pass_("${PASSWORD}")
t = time.perf_counter()
n = len(p.list()[1])
for i in range(1, n + 1): p.retr(i)
p.quit()
print(n, time.perf_counter() - t)`;
  const { stdout } = await run("python3", ["-c", script]);
  const [count, seconds] = stdout.trim().split(" ").map(Number);
  results.push(
    `poplib LIST + RETR of ${count} messages of ${(small.length / 1024).toFixed(1)} KB: ${seconds.toFixed(2)} s, ${(count / seconds).toFixed(0)} messages/s`,
  );

  await Promise.all(services.map((s) => s.close()));
  await disconnectDb();
  console.log(results.join("\n"));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

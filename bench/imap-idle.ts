// IDLE at scale, our backend only: N authenticated IMAP sessions sit in IDLE on their INBOX;
// we report the backend's resident memory per connection and how long one SMTP-delivered
// message takes to reach every session (the "* n EXISTS" on each socket).
// The server allows 20 sessions per mailbox and 50 per client address (mailserver/imap/limits.ts),
// so the sessions are spread over ceil(N/20) mailboxes and connect from ceil(N/50) loopback
// addresses (127.1.x.y); the message goes to all mailboxes in SMTP transactions of 100 RCPTs.
//   npm ci && npx tsx bench/imap-idle.ts [sessions=1000]      (also 5000, 10000)
import nodemailer from "nodemailer";
import { printTable, startBenchStack } from "./support/bench-stack";
import { onCleanup, runBench } from "./support/cleanup";
import { ensureFileLimit } from "./support/file-limit";
import { corpusMessage } from "./support/message-corpus";
import { RawImap } from "./support/raw-imap";
import { addBenchDomain, addBenchMailbox, BENCH_PASSWORD } from "./support/seed-mail";
import { cpuSeconds, machineLine, mb, ms, rssBytes, summarise } from "./support/stats";

const [sessions = 1000] = process.argv.slice(2).map(Number);
const PER_MAILBOX = 20;
const PER_ADDRESS = 50;
const RCPTS_PER_TRANSACTION = 100;
const OPENING_AT_ONCE = 32;
const mailboxes = Math.ceil(sessions / PER_MAILBOX);
const addresses = Math.ceil(sessions / PER_ADDRESS);

// Consecutive sessions go to different mailboxes and client addresses: the server serialises
// the logins of one mailbox (and of one address) on its connection-lease lock, so opening them
// in blocks of the same mailbox made the concurrent openers wait for each other.
const mailboxOf = (i: number) => i % mailboxes;
const sourceAddress = (i: number) => {
  const n = i % addresses;
  return `127.1.${Math.floor(n / 250)}.${(n % 250) + 1}`;
};
const mailboxAddress = (m: number) => `idle${m}@bench.test`;

let loginRetries = 0;
/** Like a mail client: a temporary NO [UNAVAILABLE] (the backend's pool is busy) is retried. */
async function loginRetrying(client: RawImap, user: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const r = await client.command(`LOGIN ${user} "${BENCH_PASSWORD}"`);
    if (r.status === "OK") return;
    if (!r.text.startsWith("[UNAVAILABLE]") || attempt >= 10)
      throw new Error(`LOGIN ${user}: ${r.text}`);
    loginRetries++;
    await new Promise((r) => setTimeout(r, 500 * attempt));
  }
}

runBench(async () => {
  const limit = ensureFileLimit(sessions + 1000);
  console.log(
    `IMAP IDLE: ${sessions} sessions over ${mailboxes} mailboxes (open-file limit ${limit})`,
  );
  const stack = await startBenchStack();
  onCleanup(() => stack.stop());
  await addBenchDomain("bench.test");
  let t = performance.now();
  for (let m = 0; m < mailboxes; m++) await addBenchMailbox(mailboxAddress(m));
  console.log(`${mailboxes} mailboxes created in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const backend = await stack.startBackend();
  await new Promise((r) => setTimeout(r, 2000));
  const backendBefore = rssBytes(backend.pid!);
  const benchBefore = rssBytes(process.pid);

  const clients: RawImap[] = [];
  onCleanup(() => clients.forEach((c) => c.close()));
  const arrivals: number[] = new Array(sessions).fill(NaN);
  let deliveredAt = 0;
  let next = 0;
  t = performance.now();
  const opener = async () => {
    while (next < sessions) {
      const i = next++;
      const client = await RawImap.connect(stack.ports.IMAP_PORT, {
        localAddress: sourceAddress(i),
      });
      clients.push(client);
      await loginRetrying(client, mailboxAddress(mailboxOf(i)));
      const selected = await client.command("SELECT INBOX");
      if (selected.status !== "OK") throw new Error(`SELECT: ${selected.text}`);
      await client.idle((line) => {
        if (deliveredAt && Number.isNaN(arrivals[i]) && / EXISTS$/.test(line))
          arrivals[i] = performance.now() - deliveredAt;
      });
      if ((i + 1) % 1000 === 0) console.log(`  ${i + 1} sessions in IDLE`);
    }
  };
  await Promise.all(Array.from({ length: OPENING_AT_ONCE }, opener));
  const openSeconds = (performance.now() - t) / 1000;
  await new Promise((r) => setTimeout(r, 3000));
  const backendIdle = rssBytes(backend.pid!);
  const benchIdle = rssBytes(process.pid);

  // One message to every mailbox: the clock starts before the first SMTP byte.
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: stack.ports.SMTP_PORT,
    secure: false,
    ignoreTLS: true,
    pool: false,
  });
  const raw = corpusMessage(1).raw;
  const all = Array.from({ length: mailboxes }, (_, m) => mailboxAddress(m));
  const cpuBefore = cpuSeconds(backend.pid!);
  deliveredAt = performance.now();
  const acks: number[] = [];
  await Promise.all(
    Array.from({ length: Math.ceil(mailboxes / RCPTS_PER_TRANSACTION) }, async (_, k) => {
      await transport.sendMail({
        envelope: {
          from: "news@sender.test",
          to: all.slice(k * RCPTS_PER_TRANSACTION, (k + 1) * RCPTS_PER_TRANSACTION),
        },
        raw,
      });
      acks.push(performance.now() - deliveredAt);
    }),
  );
  transport.close();
  const deadline = performance.now() + Math.max(120_000, sessions * 100);
  while (arrivals.some(Number.isNaN) && performance.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  const reached = arrivals.filter((a) => !Number.isNaN(a));
  const s = summarise(reached);
  const backendAfter = rssBytes(backend.pid!);
  const fanOutCpu = cpuSeconds(backend.pid!) - cpuBefore;

  printTable(`IMAP IDLE, ${sessions} sessions (our backend)`, [
    {
      what: "sessions opened (connect+LOGIN+SELECT+IDLE)",
      value: `${sessions} in ${openSeconds.toFixed(1)} s (${loginRetries} LOGIN retries after NO [UNAVAILABLE])`,
    },
    {
      what: "backend RSS before / with all in IDLE",
      value: `${mb(backendBefore)} MB / ${mb(backendIdle)} MB`,
    },
    {
      what: "backend RSS per IDLE session",
      value: `${((backendIdle - backendBefore) / sessions / 1024).toFixed(1)} KB`,
    },
    {
      what: "bench client process RSS before / with all open",
      value: `${mb(benchBefore)} MB / ${mb(benchIdle)} MB`,
    },
    {
      what: "SMTP 250 for all transactions",
      value: `${ms(Math.max(...acks))} ms (${acks.length} × ≤${RCPTS_PER_TRANSACTION} RCPT)`,
    },
    { what: "EXISTS reached", value: `${reached.length}/${sessions} sessions` },
    {
      what: "EXISTS latency p50 / p99 / max",
      value: `${ms(s.p50)} / ${ms(s.p99)} / ${ms(s.max)} ms`,
    },
    {
      what: "backend CPU time during the fan-out",
      value: `${fanOutCpu.toFixed(1)} s (${((fanOutCpu / reached.length) * 1000).toFixed(1)} ms per session)`,
    },
    { what: "backend RSS after the fan-out", value: `${mb(backendAfter)} MB` },
  ]);
  console.log(
    `README: ${sessions} IDLE sessions: backend ${mb(backendIdle)} MB RSS ` +
      `(${((backendIdle - backendBefore) / sessions / 1024).toFixed(1)} KB/session); ` +
      `new message on every socket p50 ${ms(s.p50)} ms, p99 ${ms(s.p99)} ms, max ${ms(s.max)} ms`,
  );
  console.log(machineLine());
  if (reached.length < sessions) process.exitCode = 1;
});

// IDLE at scale, our backend only: N authenticated IMAP sessions sit in IDLE on their INBOX;
// we report the backend's resident memory per connection and how long one SMTP-delivered
// message takes to reach every session (the "* n EXISTS" on each socket).
// The server allows 20 sessions per mailbox and 50 per client address (mailserver/imap/limits.ts),
// so the sessions are spread over ceil(N/20) mailboxes and connect from ceil(N/50) loopback
// addresses (127.1.x.y); the message goes to all mailboxes in SMTP transactions of 100 RCPTs.
//   npm ci && npx tsx bench/imap-idle.ts [sessions=1000] [--at=1000,5000] [--rounds=1]
// --at: measure on the way up too (one run gives the 1,000 / 5,000 / 10,000 rows; at each
// checkpoint the sessions fill ceil(n/20) mailboxes, as a run of that size would);
// --rounds: messages sent one after another at each checkpoint, each measured.
import nodemailer from "nodemailer";
import { printTable, startBenchStack } from "./support/bench-stack";
import { onCleanup, runBench } from "./support/cleanup";
import { ensureFileLimit } from "./support/file-limit";
import { corpusMessage } from "./support/message-corpus";
import { RawImap } from "./support/raw-imap";
import { addBenchDomain, addBenchMailbox, BENCH_PASSWORD } from "./support/seed-mail";
import os from "node:os";
import { cpuSeconds, machineLine, mb, ms, rssBytes, summarise } from "./support/stats";

const positional = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const option = (name: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const sessions = Number(positional[0] ?? 1000);
const checkpoints = [...new Set([...(option("at")?.split(",").map(Number) ?? []), sessions])]
  .filter((n) => n > 0 && n <= sessions)
  .sort((a, b) => a - b);
const rounds = Number(option("rounds") ?? 1);
const PER_MAILBOX = 20;
const PER_ADDRESS = 50;
const RCPTS_PER_TRANSACTION = 100;
const OPENING_AT_ONCE = 16;
/** Sessions are opened in blocks of this many over BLOCK / PER_MAILBOX mailboxes. */
const BLOCK = 1000;
const mailboxes = Math.ceil(sessions / PER_MAILBOX);
const addresses = Math.ceil(sessions / PER_ADDRESS);

// Consecutive sessions go to different mailboxes and client addresses: the server serialises
// the logins of one mailbox (and of one address) on its connection-lease lock, so opening them
// mailbox by mailbox made the concurrent openers wait for each other. Mailboxes still fill
// block by block, so after n sessions exactly ceil(n/20) mailboxes hold 20 each.
const mailboxOf = (i: number) => {
  const block = Math.floor(i / BLOCK);
  const inBlock = Math.min(BLOCK, sessions - block * BLOCK);
  return block * (BLOCK / PER_MAILBOX) + (i % Math.ceil(inBlock / PER_MAILBOX));
};
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
    if (!r.text.startsWith("[UNAVAILABLE]") || attempt >= 20)
      throw new Error(`LOGIN ${user}: ${r.text}`);
    loginRetries++;
    await new Promise((r) => setTimeout(r, Math.min(500 * attempt, 5000)));
  }
}

runBench(async () => {
  const limit = ensureFileLimit(sessions + 1000);
  console.log(
    `IMAP IDLE: ${sessions} sessions over ${mailboxes} mailboxes (open-file limit ${limit}); ` +
      `measured at ${checkpoints.join(", ")}, ${rounds} message(s) each`,
  );
  const stack = await startBenchStack();
  onCleanup(() => stack.stop());
  await addBenchDomain("bench.test");
  const t = performance.now();
  for (let m = 0; m < mailboxes; m++) await addBenchMailbox(mailboxAddress(m));
  console.log(`${mailboxes} mailboxes created in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const backend = await stack.startBackend();
  await new Promise((r) => setTimeout(r, 2000));
  const backendBefore = rssBytes(backend.pid!);
  const benchBefore = rssBytes(process.pid);

  const clients: RawImap[] = [];
  onCleanup(() => clients.forEach((c) => c.close()));
  const arrivals: number[] = new Array(sessions).fill(NaN);
  const byIndex: RawImap[] = new Array(sessions);
  const lastLine: string[] = new Array(sessions).fill("");
  let deliveredAt = 0;
  let next = 0;
  let openSeconds = 0;
  let openCpu = 0;
  const openUpTo = async (target: number) => {
    const started = performance.now();
    const cpu = cpuSeconds(backend.pid!);
    const opener = async () => {
      while (next < target) {
        const i = next++;
        const client = await RawImap.connect(stack.ports.IMAP_PORT, {
          localAddress: sourceAddress(i),
        });
        clients.push(client);
        byIndex[i] = client;
        await loginRetrying(client, mailboxAddress(mailboxOf(i)));
        const selected = await client.command("SELECT INBOX");
        if (selected.status !== "OK") throw new Error(`SELECT: ${selected.text}`);
        await client.idle((line) => {
          lastLine[i] = line;
          if (deliveredAt && Number.isNaN(arrivals[i]) && / EXISTS$/.test(line))
            arrivals[i] = performance.now() - deliveredAt;
        });
        if ((i + 1) % 1000 === 0)
          console.log(
            `  ${i + 1} sessions in IDLE (${((performance.now() - started) / 1000).toFixed(0)} s; ` +
              `backend RSS ${mb(rssBytes(backend.pid!))} MB)`,
          );
      }
    };
    await Promise.all(Array.from({ length: OPENING_AT_ONCE }, opener));
    openSeconds += (performance.now() - started) / 1000;
    openCpu += cpuSeconds(backend.pid!) - cpu;
  };

  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: stack.ports.SMTP_PORT,
    secure: false,
    ignoreTLS: true,
    pool: false,
  });
  onCleanup(() => transport.close());
  const raw = corpusMessage(1).raw;
  /** One message to every mailbox in use: the clock starts before the first SMTP byte. */
  const fanOut = async (open: number) => {
    arrivals.fill(NaN);
    const used = Math.ceil(open / PER_MAILBOX);
    const all = Array.from({ length: used }, (_, m) => mailboxAddress(m));
    const cpuBefore = cpuSeconds(backend.pid!);
    deliveredAt = performance.now();
    const acks: number[] = [];
    await Promise.all(
      Array.from({ length: Math.ceil(used / RCPTS_PER_TRANSACTION) }, async (_, k) => {
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
    const waiting = () => arrivals.slice(0, open).some(Number.isNaN);
    const deadline = performance.now() + Math.max(120_000, open * 100);
    while (waiting() && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const reached = arrivals.slice(0, open).filter((a) => !Number.isNaN(a));
    const missing = arrivals.slice(0, open).flatMap((a, i) => (Number.isNaN(a) ? [i] : []));
    if (missing.length > 0)
      console.log(
        `${missing.length} sessions without EXISTS; closed: ${missing.filter((i) => byIndex[i].closed).length}; ` +
          `e.g. ${missing
            .slice(0, 5)
            .map((i) => `#${i} ${mailboxAddress(mailboxOf(i))} last "${lastLine[i]}"`)
            .join(", ")}`,
      );
    const fanOutCpu = cpuSeconds(backend.pid!) - cpuBefore;
    deliveredAt = 0;
    return { acks, reached, fanOutCpu, load: os.loadavg()[0] };
  };

  let complete = true;
  for (const open of checkpoints) {
    await openUpTo(open);
    await new Promise((r) => setTimeout(r, 3000));
    const backendIdle = rssBytes(backend.pid!);
    const benchIdle = rssBytes(process.pid);
    const perSession = (backendIdle - backendBefore) / open / 1024;
    for (let round = 1; round <= rounds; round++) {
      const { acks, reached, fanOutCpu, load } = await fanOut(open);
      const s = summarise(reached);
      if (reached.length < open) complete = false;
      printTable(`IMAP IDLE, ${open} sessions (our backend), message ${round}/${rounds}`, [
        {
          what: "sessions opened (connect+LOGIN+SELECT+IDLE)",
          value:
            `${open} in ${openSeconds.toFixed(1)} s, backend CPU ${openCpu.toFixed(1)} s ` +
            `(${loginRetries} LOGIN retries after NO [UNAVAILABLE])`,
        },
        {
          what: "backend RSS before / with all in IDLE",
          value: `${mb(backendBefore)} MB / ${mb(backendIdle)} MB`,
        },
        { what: "backend RSS per IDLE session", value: `${perSession.toFixed(1)} KB` },
        {
          what: "bench client process RSS before / with all open",
          value: `${mb(benchBefore)} MB / ${mb(benchIdle)} MB`,
        },
        {
          what: "SMTP 250 for all transactions",
          value: `${ms(Math.max(...acks))} ms (${acks.length} × ≤${RCPTS_PER_TRANSACTION} RCPT)`,
        },
        { what: "EXISTS reached", value: `${reached.length}/${open} sessions` },
        {
          what: "EXISTS latency p50 / p99 / max",
          value: `${ms(s.p50)} / ${ms(s.p99)} / ${ms(s.max)} ms`,
        },
        {
          what: "backend CPU time during the fan-out",
          value: `${fanOutCpu.toFixed(1)} s (${((fanOutCpu / reached.length) * 1000).toFixed(2)} ms per session)`,
        },
        { what: "1-minute load average after the fan-out", value: load.toFixed(1) },
        { what: "backend RSS after the fan-out", value: `${mb(rssBytes(backend.pid!))} MB` },
      ]);
      console.log(
        `README: ${open} IDLE sessions: backend ${mb(backendIdle)} MB RSS ` +
          `(${perSession.toFixed(1)} KB/session); new message ${round} on every socket ` +
          `p50 ${ms(s.p50)} ms, p99 ${ms(s.p99)} ms, max ${ms(s.max)} ms; ` +
          `fan-out CPU ${fanOutCpu.toFixed(1)} s`,
      );
    }
  }
  console.log(machineLine());
  if (!complete) process.exitCode = 1;
});

// POP3 RETR throughput, ours vs Dovecot: the same 1,000 × 50 KB messages in both maildrops, the
// same raw-socket client, one session each (POP3 locks the maildrop): LOGIN, STAT, then RETR of
// every message in order, each checked byte-exact. Reports messages/s, MB/s, p50/p99 per RETR.
//   npm ci && npx tsx bench/pop3-vs-dovecot.ts [messages=1000] [sizeKB=50]
import { printTable, startBenchStack } from "./support/bench-stack";
import { onCleanup, runBench } from "./support/cleanup";
import { startDovecot } from "./support/dovecot";
import { corpusMessage } from "./support/message-corpus";
import { RawPop3 } from "./support/raw-pop3";
import { addBenchDomain, addBenchMailbox, BENCH_PASSWORD, loadMessages } from "./support/seed-mail";
import { cpuSeconds, machineLine, ms, summarise } from "./support/stats";

const [messages = 1000, sizeKb = 50] = process.argv.slice(2).map(Number);
const ADDRESS = "pop@bench.test";

/** `serverPid`: our backend, whose CPU time over the RETR loop is reported per message. */
async function retrieveAll(port: number, expected: (i: number) => Buffer, serverPid?: number) {
  const client = await RawPop3.connect(port);
  try {
    const loginStart = performance.now();
    await client.login(ADDRESS, BENCH_PASSWORD);
    const loginMs = performance.now() - loginStart;
    const stat = await client.command("STAT");
    if (Number(stat.split(" ")[1]) !== messages) throw new Error(`STAT: ${stat}`);
    const samples: number[] = [];
    let bytes = 0;
    const cpuBefore = serverPid ? cpuSeconds(serverPid) : NaN;
    const started = performance.now();
    for (let i = 1; i <= messages; i++) {
      const t = performance.now();
      const { status, data } = await client.multiline(`RETR ${i}`);
      samples.push(performance.now() - t);
      if (!data) throw new Error(`RETR ${i}: ${status}`);
      if (!data.equals(expected(i - 1))) throw new Error(`RETR ${i}: not byte-exact`);
      bytes += data.length;
    }
    const seconds = (performance.now() - started) / 1000;
    const cpuMsPerRetr = serverPid ? ((cpuSeconds(serverPid) - cpuBefore) * 1000) / messages : NaN;
    await client.command("QUIT");
    return { loginMs, seconds, bytes, cpuMsPerRetr, ...summarise(samples) };
  } finally {
    client.close();
  }
}

runBench(async () => {
  const stack = await startBenchStack();
  onCleanup(() => stack.stop());
  await addBenchDomain("bench.test");
  const mailbox = await addBenchMailbox(ADDRESS);
  const message = (i: number) => corpusMessage(i, 3, sizeKb * 1024);
  await loadMessages(mailbox.id, messages, message, 100);
  const dovecot = await startDovecot({ address: ADDRESS, passwordHash: mailbox.passwordHash });
  dovecot.addMessages(Array.from({ length: messages }, (_, i) => message(i)));
  const backend = await stack.startBackend();

  const expected = (i: number) => message(i).raw;
  // Dovecot builds its index on the first session; one warm-up session each, then the measured one.
  for (const port of [stack.ports.POP3_PORT, dovecot.pop3Port]) {
    const warm = await RawPop3.connect(port);
    await warm.login(ADDRESS, BENCH_PASSWORD);
    await warm.command("STAT");
    await warm.command("QUIT");
    warm.close();
  }
  const ours = await retrieveAll(stack.ports.POP3_PORT, expected, backend.pid);
  const theirs = await retrieveAll(dovecot.pop3Port, expected);
  const row = (name: string, r: typeof ours) => ({
    server: name,
    "msgs/s": (messages / r.seconds).toFixed(1),
    "MB/s": (r.bytes / 1024 / 1024 / r.seconds).toFixed(2),
    "RETR p50/p99 ms": `${ms(r.p50)} / ${ms(r.p99)}`,
    "total s": r.seconds.toFixed(2),
    "login ms": ms(r.loginMs),
    "server CPU ms/RETR": ms(r.cpuMsPerRetr),
  });
  printTable(`POP3 RETR of ${messages} × ${sizeKb} KB, one session, byte-exact`, [
    row("ours", ours),
    row("dovecot", theirs),
  ]);
  const ratio = theirs.seconds / ours.seconds;
  console.log(
    `README: POP3 RETR ${messages} × ${sizeKb} KB: ours ${(messages / ours.seconds).toFixed(1)} msgs/s, ` +
      `Dovecot ${(messages / theirs.seconds).toFixed(1)} msgs/s, ratio ours/Dovecot ${ratio.toFixed(2)}×`,
  );
  console.log(machineLine());
});

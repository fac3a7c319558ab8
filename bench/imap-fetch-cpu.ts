// CPU per IMAP FETCH command, ours only: the two FETCH phases of bench/imap-workload.ts (50 ×
// list-view headers, 1 × BODY.PEEK[]) run a fixed number of times over C connections against
// the backend process, reporting wall figures and the CPU time (utime + stime from /proc) of the
// backend and of the PostgreSQL backends serving it, per command. CPU per command depends far
// less on the machine's load than ops/s. BENCH_CPU_PROF=<dir> profiles the backend.
//
//   npx tsx bench/imap-fetch-cpu.ts [messages=2000] [connections=4] [commandsPerPhase=2000]
import { printTable, startBenchStack } from "./support/bench-stack";
import { onCleanup, runBench } from "./support/cleanup";
import { corpusMessage, seededRandom } from "./support/message-corpus";
import { RawImap } from "./support/raw-imap";
import { addBenchDomain, addBenchMailbox, BENCH_PASSWORD, loadMessages } from "./support/seed-mail";
import { cpuSeconds, machineLine, ms, summarise } from "./support/stats";

const [messages = 2000, connections = 4, commands = 2000] = process.argv.slice(2).map(Number);
const ADDRESS = "fetch@bench.test";

const range = (random: () => number, width: number) => {
  const start = 1 + Math.floor(random() * Math.max(1, messages - width));
  return `${start}:${start + width - 1}`;
};

const PHASES = [
  {
    name: "FETCH 50 × headers",
    command: (random: () => number) =>
      `FETCH ${range(random, 50)} (UID FLAGS RFC822.SIZE INTERNALDATE ` +
      `BODY.PEEK[HEADER.FIELDS (FROM TO CC SUBJECT DATE MESSAGE-ID CONTENT-TYPE)])`,
    answers: 50,
  },
  {
    name: "FETCH 1 × BODY.PEEK[]",
    command: (random: () => number) => `FETCH ${range(random, 1)} BODY.PEEK[]`,
    answers: 1,
  },
];

/** CPU seconds of every PostgreSQL backend now serving the bench database. */
async function postgresCpu(pids: number[]): Promise<number> {
  let total = 0;
  for (const pid of pids) {
    try {
      total += cpuSeconds(pid);
    } catch {
      // a backend that ended: its time is lost for both readings only if it ended mid-phase
    }
  }
  return total;
}

runBench(async () => {
  const stack = await startBenchStack();
  onCleanup(() => stack.stop());
  await addBenchDomain("bench.test");
  const mailbox = await addBenchMailbox(ADDRESS);
  await loadMessages(mailbox.id, messages, (i) => corpusMessage(i));
  const backendPid = (await stack.startBackend()).pid!;
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const client = await RawImap.connect(stack.ports.IMAP_PORT);
      await client.login(ADDRESS, BENCH_PASSWORD);
      const r = await client.command("SELECT INBOX");
      if (r.status !== "OK") throw new Error(`SELECT: ${r.text}`);
      return client;
    }),
  );
  const { pgPool } = await import("../lib/server/db/client");
  const table = [];
  for (const [p, phase] of PHASES.entries()) {
    // Warm-up: JIT, pool connections, caches.
    const warm = seededRandom(1000 + p);
    for (const client of clients)
      for (let i = 0; i < 20; i++) await client.command(phase.command(warm));
    const { rows } = await pgPool().query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    const pgPids = rows.map((r) => r.pid);
    const backendBefore = cpuSeconds(backendPid);
    const pgBefore = await postgresCpu(pgPids);
    const samples: number[] = [];
    const started = performance.now();
    let next = 0;
    await Promise.all(
      clients.map(async (client, c) => {
        const random = seededRandom(p * 100 + c);
        while (next++ < commands) {
          const t = performance.now();
          const r = await client.command(phase.command(random));
          samples.push(performance.now() - t);
          if (r.status !== "OK" || r.untagged.length < phase.answers)
            throw new Error(`${phase.name}: ${r.status} ${r.text} (${r.untagged.length} answers)`);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const backendMs = ((cpuSeconds(backendPid) - backendBefore) * 1000) / samples.length;
    const pgMs = (((await postgresCpu(pgPids)) - pgBefore) * 1000) / samples.length;
    const s = summarise(samples);
    table.push({
      command: phase.name,
      commands: s.n,
      "ops/s": (s.n / seconds).toFixed(1),
      "p50 / p99 ms": `${ms(s.p50)} / ${ms(s.p99)}`,
      "backend CPU ms/op": backendMs.toFixed(3),
      "PostgreSQL CPU ms/op": pgMs.toFixed(3),
    });
  }
  for (const client of clients) client.close();
  printTable(
    `IMAP FETCH CPU, ${messages} messages, ${connections} connections, ${commands} commands per phase`,
    table,
  );
  console.log(machineLine());
});

// IMAP workload, ours vs Dovecot on the same machine in the same run: both servers get the same
// N messages (ours through deliverMessage, Dovecot's maildir written directly and indexed on
// the first SELECT), then the same raw-socket client drives each with C concurrent connections
// through timed phases: login, select, fetch headers (50-message ranges), fetch bodies, store
// flags, search, append (search first, so both servers search the same messages). Reports
// ops/s, p50/p99 per command and the ratio ours/Dovecot.
//   npm ci && npx tsx bench/imap-workload.ts [messages=10000] [connections=4] [secondsPerPhase=8]
import { startBenchStack } from "./support/bench-stack";
import { printTable } from "./support/bench-stack";
import { onCleanup, runBench } from "./support/cleanup";
import { startDovecot } from "./support/dovecot";
import { corpusMessage, seededRandom } from "./support/message-corpus";
import { RawImap } from "./support/raw-imap";
import { addBenchDomain, addBenchMailbox, BENCH_PASSWORD, loadMessages } from "./support/seed-mail";
import { machineLine, ms, summarise } from "./support/stats";
import { readFileSync } from "node:fs";

const [messages = 10_000, connections = 4, secondsPerPhase = 8] = process.argv.slice(2).map(Number);
const ADDRESS = "bench@bench.test";
const SEARCH_TERMS = [
  ["FROM", "alice"],
  ["SUBJECT", "invoice"],
  ["FROM", "erin"],
  ["SUBJECT", "meeting"],
] as const;

type Phase = {
  name: string;
  /** Label in the one-line summary. */
  short: string;
  /** What one operation sends, given the connection and a per-connection random source. */
  op(client: RawImap, random: () => number, n: number): Promise<void>;
  /** Phases that log in themselves get a fresh, unauthenticated connection per operation. */
  ownConnection?: boolean;
};

function expectOk(what: string, r: { status: string; text: string }): void {
  if (r.status !== "OK") throw new Error(`${what}: ${r.text}`);
}

const sequenceRange = (random: () => number, width: number) => {
  const start = 1 + Math.floor(random() * Math.max(1, messages - width));
  return `${start}:${start + width - 1}`;
};

// SEARCH runs before APPEND, so both servers search the same number of messages whatever
// their APPEND rate (APPEND grows the folder).
const PHASES: Phase[] = [
  {
    name: "LOGIN (connect + greeting + LOGIN)",
    short: "login",
    ownConnection: true,
    async op(client) {
      await client.login(ADDRESS, BENCH_PASSWORD);
    },
  },
  {
    name: "SELECT INBOX",
    short: "select",
    async op(client) {
      expectOk("SELECT", await client.command("SELECT INBOX"));
    },
  },
  {
    name: "FETCH 50 × headers",
    short: "fetch-headers",
    async op(client, random) {
      const r = await client.command(
        `FETCH ${sequenceRange(random, 50)} (UID FLAGS RFC822.SIZE INTERNALDATE ` +
          `BODY.PEEK[HEADER.FIELDS (FROM TO CC SUBJECT DATE MESSAGE-ID CONTENT-TYPE)])`,
      );
      expectOk("FETCH headers", r);
      if (r.untagged.length < 50) throw new Error(`FETCH headers: ${r.untagged.length} answers`);
    },
  },
  {
    name: "FETCH 1 × BODY.PEEK[]",
    short: "fetch-body",
    async op(client, random) {
      const r = await client.command(`FETCH ${sequenceRange(random, 1)} BODY.PEEK[]`);
      expectOk("FETCH body", r);
    },
  },
  {
    name: "STORE ±FLAGS \\Seen",
    short: "store",
    async op(client, random, n) {
      const r = await client.command(
        `STORE ${sequenceRange(random, 1)} ${n % 2 ? "-" : "+"}FLAGS (\\Seen)`,
      );
      expectOk("STORE", r);
    },
  },
  {
    name: "SEARCH header term",
    short: "search",
    async op(client, random) {
      const [key, value] = SEARCH_TERMS[Math.floor(random() * SEARCH_TERMS.length)];
      expectOk("SEARCH", await client.command(`SEARCH ${key} "${value}"`));
    },
  },
  {
    name: "APPEND ~2–20 KB",
    short: "append",
    async op(client, random) {
      const m = corpusMessage(messages + Math.floor(random() * 1e6), 2);
      expectOk("APPEND", await client.command("APPEND INBOX (\\Seen)", m.raw));
    },
  },
];

type PhaseResult = {
  opsPerSecond: number;
  p50: number;
  p99: number;
  n: number;
  /** CPU time (user + system) of our backend process per operation, when measured. */
  cpuMsPerOp?: number;
};

/** utime + stime of a process in milliseconds (Linux /proc; clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

async function session(port: number): Promise<RawImap> {
  const client = await RawImap.connect(port);
  await client.login(ADDRESS, BENCH_PASSWORD);
  expectOk("SELECT", await client.command("SELECT INBOX"));
  return client;
}

async function runPhase(port: number, phase: Phase, seed: number): Promise<PhaseResult> {
  const clients = phase.ownConnection
    ? []
    : await Promise.all(Array.from({ length: connections }, () => session(port)));
  const samples: number[] = [];
  const deadline = performance.now() + secondsPerPhase * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      const random = seededRandom(seed * 100 + c);
      for (let n = 0; performance.now() < deadline; n++) {
        const t = performance.now();
        if (phase.ownConnection) {
          const client = await RawImap.connect(port);
          await phase.op(client, random, n);
          samples.push(performance.now() - t);
          await client.command("LOGOUT").catch(() => {});
          client.close();
        } else {
          await phase.op(clients[c], random, n);
          samples.push(performance.now() - t);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  for (const c of clients) c.close();
  const s = summarise(samples);
  return { opsPerSecond: s.n / seconds, p50: s.p50, p99: s.p99, n: s.n };
}

async function firstSelect(port: number): Promise<number> {
  const client = await RawImap.connect(port);
  await client.login(ADDRESS, BENCH_PASSWORD);
  const t = performance.now();
  const r = await client.command("SELECT INBOX");
  const elapsed = performance.now() - t;
  expectOk("SELECT", r);
  const exists = r.untagged.find((l) => / EXISTS$/.test(l));
  if (exists !== `* ${messages} EXISTS`) throw new Error(`first SELECT: ${exists}`);
  client.close();
  return elapsed;
}

runBench(async () => {
  console.log(
    `IMAP workload: ${messages} messages, ${connections} connections, ${secondsPerPhase} s per phase`,
  );
  const stack = await startBenchStack();
  onCleanup(() => stack.stop());
  await addBenchDomain("bench.test");
  const mailbox = await addBenchMailbox(ADDRESS);
  const corpus = (i: number) => corpusMessage(i);
  let t = performance.now();
  await loadMessages(mailbox.id, messages, corpus);
  const loadOurs = (performance.now() - t) / 1000;

  // Same password hash (argon2id, same cost) on both sides: LOGIN does the same work.
  const dovecot = await startDovecot({ address: ADDRESS, passwordHash: mailbox.passwordHash });
  t = performance.now();
  for (let start = 0; start < messages; start += 1000)
    dovecot.addMessages(
      Array.from({ length: Math.min(1000, messages - start) }, (_, k) => corpus(start + k)),
    );
  const loadDovecot = (performance.now() - t) / 1000;
  console.log(
    `loaded: ours ${loadOurs.toFixed(1)} s (deliverMessage, 250 per transaction), ` +
      `Dovecot maildir files ${loadDovecot.toFixed(1)} s`,
  );
  const backendPid = (await stack.startBackend()).pid;

  const targets = [
    { name: "ours", port: stack.ports.IMAP_PORT },
    { name: "dovecot", port: dovecot.imapPort },
  ];
  const cold = { ours: 0, dovecot: 0 } as Record<string, number>;
  for (const target of targets) cold[target.name] = await firstSelect(target.port);

  const rows: Array<Record<string, string | number>> = [
    {
      command: "first SELECT (cold)",
      "ours ops/s": "-",
      "ours p50/p99 ms": ms(cold.ours),
      "dovecot ops/s": "-",
      "dovecot p50/p99 ms": ms(cold.dovecot),
      "ours/dovecot": "-",
      "ours CPU ms/op": "-",
    },
  ];
  for (const [i, phase] of PHASES.entries()) {
    const results: Record<string, PhaseResult> = {};
    for (const target of targets) {
      const cpuBefore = target.name === "ours" ? cpuMs(backendPid) : null;
      results[target.name] = await runPhase(target.port, phase, i + 1);
      const r = results[target.name];
      const cpuAfter = cpuBefore === null ? null : cpuMs(backendPid);
      if (cpuBefore !== null && cpuAfter !== null && r.n > 0)
        r.cpuMsPerOp = (cpuAfter - cpuBefore) / r.n;
      console.log(
        `  ${target.name.padEnd(7)} ${phase.name}: ${r.n} ops, ${r.opsPerSecond.toFixed(1)} ops/s`,
      );
    }
    const ours = results.ours;
    const theirs = results.dovecot;
    rows.push({
      command: phase.name,
      "ours ops/s": ours.opsPerSecond.toFixed(1),
      "ours p50/p99 ms": `${ms(ours.p50)} / ${ms(ours.p99)}`,
      "dovecot ops/s": theirs.opsPerSecond.toFixed(1),
      "dovecot p50/p99 ms": `${ms(theirs.p50)} / ${ms(theirs.p99)}`,
      "ours/dovecot": `${(ours.opsPerSecond / theirs.opsPerSecond).toFixed(2)}×`,
      // Includes the phase's connection setup (LOGIN, SELECT) spread over its operations.
      "ours CPU ms/op": ours.cpuMsPerOp === undefined ? "-" : ours.cpuMsPerOp.toFixed(2),
    });
  }
  printTable(
    `IMAP workload, ${messages} messages, ${connections} connections, ${secondsPerPhase} s per phase`,
    rows,
  );
  console.log(
    `README: IMAP ${messages} messages, ${connections} connections, ours/Dovecot ops/s: ` +
      PHASES.map((p, i) => `${p.short} ${rows[i + 1]["ours/dovecot"]}`).join(", "),
  );
  console.log(machineLine());
});

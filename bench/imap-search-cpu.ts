// CPU per header SEARCH, in process: the Node evaluation over the header bytes (the path before
// "searchHeaders", kept as fallback) against the SQL path, on the IMAP workload's corpus.
// Counts this process's CPU plus the one PostgreSQL backend serving it (pool of one).
//
//   npx tsx bench/imap-search-cpu.ts [messages=2000] [rounds=5]
import { printTable, startBenchStack } from "./support/bench-stack";
import { onCleanup, runBench } from "./support/cleanup";
import { corpusMessage } from "./support/message-corpus";
import { addBenchDomain, addBenchMailbox, loadMessages } from "./support/seed-mail";
import { cpuSeconds, machineLine, ms } from "./support/stats";

const [messages = 2000, rounds = 5] = process.argv.slice(2).map(Number);
const TERMS = [
  ["FROM", "alice"],
  ["SUBJECT", "invoice"],
  ["FROM", "erin"],
  ["SUBJECT", "meeting"],
] as const;

runBench(async () => {
  process.env.DB_POOL_SIZE = "1";
  const stack = await startBenchStack();
  onCleanup(() => stack.stop());
  await addBenchDomain("bench.test");
  const mailbox = await addBenchMailbox("cpu@bench.test");
  await loadMessages(mailbox.id, messages, (i) => corpusMessage(i));
  const { pgPool } = await import("../lib/server/db/client");
  const search = await import("../lib/server/imap/search-messages");
  const { rows } = await pgPool().query<{ pid: number; folder: number; uids: number[] }>(
    `SELECT pg_backend_pid() AS pid, "folderId" AS folder, array_agg(uid ORDER BY uid) AS uids
     FROM "Message" WHERE "mailboxId" = $1 GROUP BY "folderId"`,
    [mailbox.id],
  );
  const { pid, folder, uids } = rows[0]!;
  const paths = {
    "Node over header bytes (before)": search.searchMessagesInNode,
    "SQL over searchHeaders (after)": search.searchMessages,
  };
  const table = [];
  for (const [name, run] of Object.entries(paths)) {
    let hits = 0;
    const node = process.cpuUsage();
    const pg = cpuSeconds(pid);
    const start = performance.now();
    for (let r = 0; r < rounds; r++)
      for (const [header, value] of TERMS)
        hits += (
          await run({ folderId: folder, uids, key: { kind: "header", name: header, value } })
        ).length;
    const n = rounds * TERMS.length;
    const wall = (performance.now() - start) / n;
    const used = process.cpuUsage(node);
    const nodeMs = (used.user + used.system) / 1000 / n;
    const pgMs = ((cpuSeconds(pid) - pg) * 1000) / n;
    table.push({
      path: name,
      searches: n,
      "hits/search": (hits / n).toFixed(0),
      "wall ms": ms(wall),
      "Node CPU ms": ms(nodeMs),
      "PostgreSQL CPU ms": ms(pgMs),
    });
  }
  printTable(`header SEARCH CPU per command, ${messages} messages`, table);
  console.log(machineLine());
});

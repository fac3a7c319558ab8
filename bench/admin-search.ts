// Staff customer search on 100,000 mailboxes: seeds a throwaway PostgreSQL (or
// BENCH_DATABASE_URL) and times searchMailboxes() — the page's exact query (count + one page).
//   npx tsx bench/admin-search.ts            (MAILBOXES=100000 RUNS=30 by default)
import pg from "pg";
import {
  createTemplate,
  createTestDatabase,
  startCluster,
} from "../tests/support/postgres-cluster";

const MAILBOXES = Number(process.env.MAILBOXES ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 30);
const DOMAINS = 100;

async function main() {
  const cluster = process.env.BENCH_DATABASE_URL ? null : await startCluster();
  let url = process.env.BENCH_DATABASE_URL;
  if (cluster) {
    await createTemplate(cluster.adminUrl);
    url = await createTestDatabase(cluster.adminUrl);
  }
  process.env.DATABASE_URL = url;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const seeded = performance.now();
    // Rows straight in SQL: hashing 100,000 real passwords would take half an hour and
    // measures nothing about search. Addresses look like real ones: first.lastNNN@dK.bench.
    await client.query(
      `INSERT INTO "Domain" (name) SELECT 'd' || g || '.bench' FROM generate_series(1, $1) g`,
      [DOMAINS],
    );
    await client.query(
      `INSERT INTO "Mailbox" (address, "localPart", "domainId", "passwordHash", "updatedAt")
       SELECT lp || '@d' || ((g % $2) + 1) || '.bench', lp, (g % $2) + 1, '{ARGON2ID}x', now()
       FROM (SELECT g, (ARRAY['anna','ben','carla','dev','emma','finn','gita','hugo'])[(g % 8) + 1]
                    || '.' || (ARRAY['smith','jones','khan','nowak','rossi','silva'])[(g % 6) + 1]
                    || g AS lp
             FROM generate_series(1, $1) g) s`,
      [MAILBOXES, DOMAINS],
    );
    await client.query("ANALYZE");
    const collation = (
      await client.query("SELECT datcollate FROM pg_database WHERE datname = current_database()")
    ).rows[0].datcollate;
    console.log(
      `seeded ${MAILBOXES} mailboxes on ${DOMAINS} domains in ${Math.round(performance.now() - seeded)} ms (collation ${collation})`,
    );

    const { searchMailboxes } = await import("../lib/server/admin/search-mailboxes");
    const { disconnectDb } = await import("../lib/server/db/client");
    const staff = { id: 1, email: "bench@bench", role: "support" as const, ip: null };
    const queries: Array<[string, string]> = [
      ["exact address", `carla.rossi50002@d3.bench`],
      ["address prefix", `anna.smith4`],
      ["domain (@d42.bench)", "@d42.bench"],
      ["partial, rare (khan7777)", "khan7777"],
      ["partial, common (smith)", "smith"],
      ["partial, page 40 (smith)", "smith"],
      ["no match", "zzzz-nobody"],
    ];
    console.log(`\nsearchMailboxes, median / p95 of ${RUNS} runs (count + one page of 25):`);
    for (const [label, query] of queries) {
      const page = label.includes("page 40") ? 40 : 1;
      let total = 0;
      const times: number[] = [];
      for (let i = 0; i < RUNS + 3; i++) {
        const t = performance.now();
        const result = await searchMailboxes(staff, { query, page });
        if (i >= 3) times.push(performance.now() - t); // first runs warm the pool and cache
        total = result.total;
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)];
      const p95 = times[Math.floor(times.length * 0.95)];
      console.log(
        `  ${label.padEnd(28)} ${String(total).padStart(6)} hits  median ${median.toFixed(1).padStart(6)} ms  p95 ${p95.toFixed(1).padStart(6)} ms`,
      );
    }
    // Server-side execution time and access path of the same filters (independent of client
    // scheduling, which dominates on a busy machine).
    console.log("\nPostgreSQL EXPLAIN ANALYZE (count of the same filter):");
    const plans: Array<[string, string, string]> = [
      ["prefix, literal pattern", `address LIKE $1`, "anna.smith4%"],
      ["prefix, as Prisma sends", `address::text LIKE ($1 || '%')`, "anna.smith4"],
      ["domain", `"domainId" = (SELECT id FROM "Domain" WHERE name = $1)`, "d42.bench"],
      ["partial (contains)", `address LIKE $1`, "%khan7777%"],
    ];
    for (const [label, where, value] of plans) {
      const rows = (
        await client.query(`EXPLAIN ANALYZE SELECT count(*) FROM "Mailbox" WHERE ${where}`, [value])
      ).rows.map((r) => r["QUERY PLAN"] as string);
      const access = rows
        .find((l) => /Scan on "Mailbox"|Index.*Scan/.test(l))
        ?.trim()
        .split("  ")[0];
      const exec = rows.find((l) => l.startsWith("Execution Time"));
      console.log(`  ${label.padEnd(24)} ${exec}  via ${access}`);
    }
    await disconnectDb();
  } finally {
    await client.end();
    await cluster?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

// Reading stored message bytes from PostgreSQL, the ways the code has done it: through Prisma
// ($queryRaw, bytea as hex text), through the pg pool in text mode (hex), and as binary COPY
// (lib/server/db/copy-binary-rows.ts, raw bytes). A 50 KB and a 20 MB message (every byte value),
// whole and in 1 MB slices; per read: wall time and CPU of this process and of PostgreSQL's
// backend (the pool is held to one connection so its pid is known).
//   npm ci && npx tsx bench/message-bytes.ts [reads50k=400] [reads20M=5]
import { printTable, startBenchStack } from "./support/bench-stack";
import { onCleanup, runBench } from "./support/cleanup";
import { corpusMessage } from "./support/message-corpus";
import { addBenchDomain, addBenchMailbox } from "./support/seed-mail";
import { cpuSeconds, machineLine, ms, summarise } from "./support/stats";

const [reads50k = 400, reads20m = 5] = process.argv.slice(2).map(Number);
const SLICE = 1024 * 1024;

function binaryMessage(bytes: number): Buffer {
  const header = Buffer.from("From: bench@example.org\r\nSubject: binary\r\n\r\n");
  const body = Buffer.alloc(bytes - header.length);
  for (let i = 0; i < body.length; i++) body[i] = (i * 7 + (i >> 8)) & 0xff;
  return Buffer.concat([header, body]);
}

type Reader = (folderId: number, uid: number, size: number) => Promise<Buffer>;

runBench(async () => {
  process.env.DB_POOL_SIZE = "1";
  const stack = await startBenchStack();
  onCleanup(() => stack.stop());
  const { db, pgPool } = await import("../lib/server/db/client");
  const { copyBinaryRows, sqlInt } = await import("../lib/server/db/copy-binary-rows");
  const { deliverMessage } = await import("../lib/server/mail-store/deliver-message");
  await addBenchDomain("bench.test");
  const mailbox = await addBenchMailbox("bytes@bench.test");
  const small = corpusMessage(0, 3, 50 * 1024).raw;
  const large = binaryMessage(20 * 1024 * 1024);
  const a = await deliverMessage({ mailboxId: mailbox.id, raw: small });
  const b = await deliverMessage({ mailboxId: mailbox.id, raw: large });
  const [{ pid }] = (await pgPool().query("SELECT pg_backend_pid() AS pid")).rows;

  const prismaWhole: Reader = async (folderId, uid) => {
    const rows = await db().$queryRaw<Array<{ raw: Uint8Array }>>`
      SELECT raw FROM "Message" WHERE "folderId" = ${folderId} AND uid = ${uid}`;
    return Buffer.from(rows[0].raw);
  };
  const sliced =
    (read: (folderId: number, uid: number, offset: number) => Promise<Buffer>): Reader =>
    async (folderId, uid, size) => {
      const parts: Buffer[] = [];
      for (let offset = 0; offset < size; offset += SLICE)
        parts.push(await read(folderId, uid, offset));
      return Buffer.concat(parts);
    };
  const prismaSlice = sliced(async (folderId, uid, offset) => {
    const rows = await db().$queryRaw<Array<{ part: Uint8Array }>>`
      SELECT substring(raw FROM ${offset + 1}::int FOR ${SLICE}::int) AS part
      FROM "Message" WHERE "folderId" = ${folderId} AND uid = ${uid}`;
    return Buffer.from(rows[0].part);
  });
  const pgTextSlice = sliced(async (folderId, uid, offset) => {
    const { rows } = await pgPool().query<{ part: Buffer }>(
      `SELECT substring(raw FROM $3::int FOR $4::int) AS part
       FROM "Message" WHERE "folderId" = $1 AND uid = $2`,
      [folderId, uid, offset + 1, SLICE],
    );
    return rows[0].part;
  });
  const pgTextWhole: Reader = async (folderId, uid) => {
    const { rows } = await pgPool().query<{ raw: Buffer }>(
      `SELECT raw FROM "Message" WHERE "folderId" = $1 AND uid = $2`,
      [folderId, uid],
    );
    return rows[0].raw;
  };
  const copyWhole: Reader = async (folderId, uid) => {
    const rows = await copyBinaryRows(
      `SELECT raw FROM "Message" WHERE "folderId" = ${sqlInt(folderId)} AND uid = ${sqlInt(uid)}`,
      ["bytea"] as const,
    );
    return rows[0][0]!;
  };
  const copySlice = sliced(async (folderId, uid, offset) => {
    const rows = await copyBinaryRows(
      `SELECT substring(raw FROM ${sqlInt(offset + 1)} FOR ${SLICE}) FROM "Message"
       WHERE "folderId" = ${sqlInt(folderId)} AND uid = ${sqlInt(uid)}`,
      ["bytea"] as const,
    );
    return rows[0][0]!;
  });

  const readers: Array<[string, Reader]> = [
    ["Prisma $queryRaw, whole (hex)", prismaWhole],
    ["Prisma $queryRaw, 1 MB slices (hex)", prismaSlice],
    ["pg text, whole (hex)", pgTextWhole],
    ["pg text, 1 MB slices (hex)", pgTextSlice],
    ["COPY binary, whole", copyWhole],
    ["COPY binary, 1 MB slices", copySlice],
  ];
  const rows: Array<Record<string, string>> = [];
  for (const [label, message, expected, reads] of [
    ["50 KB", a, small, reads50k],
    ["20 MB", b, large, reads20m],
  ] as const) {
    for (const [name, read] of readers) {
      if (!(await read(message.folderId, message.uid, expected.length)).equals(expected))
        throw new Error(`${name}: not byte-exact`);
      const samples: number[] = [];
      const cpu = process.cpuUsage();
      const pgCpu = cpuSeconds(pid);
      const started = performance.now();
      for (let i = 0; i < reads; i++) {
        const t = performance.now();
        await read(message.folderId, message.uid, expected.length);
        samples.push(performance.now() - t);
      }
      const wall = performance.now() - started;
      const used = process.cpuUsage(cpu);
      const s = summarise(samples);
      rows.push({
        message: label,
        method: name,
        "reads/s": ((reads * 1000) / wall).toFixed(1),
        "p50 / p99 ms": `${ms(s.p50)} / ${ms(s.p99)}`,
        "CPU ms/read (node)": ((used.user + used.system) / 1000 / reads).toFixed(2),
        "CPU ms/read (PostgreSQL)": (((cpuSeconds(pid) - pgCpu) * 1000) / reads).toFixed(2),
      });
    }
  }
  printTable(`Reading message bytes, ${reads50k} × 50 KB and ${reads20m} × 20 MB`, rows);
  console.log(machineLine());
});

// Group commit seen from real SMTP clients: many messages arriving at once through the inbound
// port are committed together, and each client still gets the answer its own message deserves.
import nodemailer from "nodemailer";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { seedMailbox, startSmtp, type SmtpHarness } from "./support/harness";
import { wireSession } from "./support/wire";

const PASSWORD = "Correct Horse 4711";
let smtp: SmtpHarness;

beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => smtp.close());

/** One nodemailer connection per message, like independent senders. */
function send(to: string, subject: string, text: string) {
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: smtp.smtp,
    secure: false,
    ignoreTLS: true,
  });
  return transport
    .sendMail({ from: "sender@remote.example", to, subject, text })
    .finally(() => transport.close());
}

async function storedIn(mailboxId: number) {
  return db().$queryRaw<Array<{ uid: number; size: number; tx: string; raw: Buffer }>>`
    SELECT uid, size, xmin::text AS tx, raw FROM "Message" WHERE "mailboxId" = ${mailboxId} ORDER BY uid`;
}

const usedBytes = async (id: number) =>
  (await db().mailbox.findUniqueOrThrow({ where: { id } })).usedBytes;

describe("SMTP inbound with group commit", () => {
  it("commits 200 concurrent messages: every one 250 and stored, UIDs 1..200, quota exact", async () => {
    const box = await seedMailbox("many@group.test", PASSWORD);
    const infos = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        send("many@group.test", `parallel ${i}`, "x".repeat(i)),
      ),
    );
    expect(infos.every((info) => /^250 /.test(info.response))).toBe(true);
    const rows = await storedIn(box.id);
    expect(rows.map((r) => r.uid)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const subjects = rows.map((r) => /^Subject: (.*)$/m.exec(Buffer.from(r.raw).toString())?.[1]);
    expect(new Set(subjects).size).toBe(200);
    expect(await usedBytes(box.id)).toBe(BigInt(rows.reduce((sum, r) => sum + r.size, 0)));
    expect(rows.every((r) => r.size === Buffer.from(r.raw).length)).toBe(true);
    // Fewer transactions than messages: some were committed together.
    expect(new Set(rows.map((r) => r.tx)).size).toBeLessThan(200);
  }, 120_000);

  it("answers 452 to the message that does not fit the quota and 250 to the others", async () => {
    const box = await seedMailbox("nearly-full@group.test", PASSWORD, 30_000);
    // The large one announces no SIZE (a raw session), so RCPT cannot refuse it early and it
    // meets the quota in the commit, among the others.
    const small = (i: number) => send("nearly-full@group.test", `quota ${i}`, "small");
    const first = Array.from({ length: 10 }, (_, i) => small(i));
    const large = wireSession(smtp.smtp, [
      "EHLO client.example\r\n",
      "MAIL FROM:<someone@remote.example>\r\n",
      "RCPT TO:<nearly-full@group.test>\r\n",
      "DATA\r\n",
      `Subject: quota large\r\n\r\n${"y".repeat(40_000)}\r\n.\r\n`,
    ]);
    const rest = Array.from({ length: 10 }, (_, i) => small(10 + i));
    const results = await Promise.allSettled([...first, ...rest]);
    expect(results.map((r) => r.status)).toEqual(Array(20).fill("fulfilled"));
    const largeReplies = await large;
    expect(largeReplies[3]).toMatch(/^250 /);
    expect(largeReplies.at(-1)).toMatch(/^452 4\.2\.2 /);
    const rows = await storedIn(box.id);
    expect(rows.map((r) => r.uid)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(rows.some((r) => Buffer.from(r.raw).toString().includes("quota large"))).toBe(false);
    expect(await usedBytes(box.id)).toBe(BigInt(rows.reduce((sum, r) => sum + r.size, 0)));
  }, 60_000);

  it("answers 451 4.3.0 to every message of a batch when the database goes down, and stores none", async () => {
    const box = await seedMailbox("outage@group.test", PASSWORD);
    const dbName = new URL(process.env.DATABASE_URL!).pathname.slice(1);
    const admin = async (sql: string, params: unknown[] = []) => {
      const client = new pg.Client({ connectionString: inject("pgAdminUrl") });
      await client.connect();
      try {
        await client.query(sql, params);
      } finally {
        await client.end();
      }
    };
    // Five sessions get as far as DATA; the database goes down; then all five send their
    // message at the same moment.
    const SESSIONS = 5;
    let arrived = 0;
    let release!: () => void;
    const outage = new Promise<void>((resolve) => (release = resolve));
    const atBarrier = async () => {
      if (++arrived === SESSIONS) {
        await admin(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS false`);
        await admin(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
          [dbName],
        );
        release();
      }
      await outage;
    };
    let sessions: string[][];
    try {
      sessions = await Promise.all(
        Array.from({ length: SESSIONS }, (_, i) =>
          wireSession(smtp.smtp, [
            "EHLO client.example\r\n",
            "MAIL FROM:<someone@remote.example>\r\n",
            "RCPT TO:<outage@group.test>\r\n",
            "DATA\r\n",
            atBarrier,
            `Subject: during the outage ${i}\r\n\r\nlost?\r\n.\r\n`,
          ]),
        ),
      );
    } finally {
      await admin(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS true`);
    }
    for (const replies of sessions) {
      expect(replies[3]).toMatch(/^250 /); // RCPT, before the outage
      expect(replies.at(-1)).toMatch(/^451 4\.3\.0 /);
    }
    expect(await storedIn(box.id)).toEqual([]);
    expect(await usedBytes(box.id)).toBe(0n);
  }, 60_000);
});

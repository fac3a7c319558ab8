// A database outage must give temporary answers (451 4.3.0 / 454 4.7.0), never a 250 for a
// message that is not stored, and never a crash. The outage is real: the test database stops
// accepting connections and every open connection to it is terminated.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { inboxOf, seedMailbox, startSmtp, type SmtpHarness } from "./support/harness";
import { replyOf, smtplibSession } from "./support/smtplib";
import { wireSession } from "./support/wire";

const PASSWORD = "Correct Horse 4711";
const dbName = new URL(process.env.DATABASE_URL!).pathname.slice(1);
let smtp: SmtpHarness;

async function admin(sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: inject("pgAdminUrl") });
  await client.connect();
  try {
    await client.query(sql, params);
  } finally {
    await client.end();
  }
}

async function databaseDown() {
  await admin(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS false`);
  await admin(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [dbName],
  );
}
const databaseUp = () => admin(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS true`);

beforeAll(async () => {
  smtp = await startSmtp();
  await seedMailbox("dee@outage.test", PASSWORD);
});
afterAll(async () => {
  await databaseUp();
  await smtp.close();
});

describe("SMTP during a database outage", () => {
  it("answers RCPT with 451 4.3.0 and AUTH with 454 4.7.0, then works again when the database is back", async () => {
    await databaseDown();
    try {
      const inbound = await smtplibSession({
        port: smtp.smtp,
        mail_from: "someone@remote.example",
        rcpt: ["dee@outage.test"],
      });
      expect(replyOf(inbound, "rcpt")[0].code).toBe(451);
      expect(replyOf(inbound, "rcpt")[0].text).toMatch(/^4\.3\.0 /);

      const submission = await smtplibSession({
        port: smtp.submission,
        starttls: true,
        login: ["dee@outage.test", PASSWORD],
        mail_from: "dee@outage.test",
      });
      expect(replyOf(submission, "auth")[0].code).toBe(454);
      expect(replyOf(submission, "auth")[0].text).toMatch(/^4\.7\.0 /);
    } finally {
      await databaseUp();
    }
    const after = await smtplibSession({
      port: smtp.smtp,
      mail_from: "someone@remote.example",
      rcpt: ["dee@outage.test"],
      data: Buffer.from("Subject: after the outage\r\n\r\nok\r\n"),
    });
    expect(replyOf(after, "data")[0].code).toBe(250);
    expect(await inboxOf("dee@outage.test")).toHaveLength(1);
  });

  it("answers DATA with 451 4.3.0 when the database fails before the commit, and stores nothing", async () => {
    const before = (await inboxOf("dee@outage.test")).length;
    let replies: string[];
    try {
      replies = await wireSession(smtp.smtp, [
        "EHLO client.example\r\n",
        "MAIL FROM:<someone@remote.example>\r\n",
        "RCPT TO:<dee@outage.test>\r\n",
        async () => databaseDown(),
        "DATA\r\n",
        "Subject: during the outage\r\n\r\nlost?\r\n.\r\n",
      ]);
    } finally {
      await databaseUp();
    }
    expect(replies[3]).toMatch(/^250 /);
    expect(replies.at(-1)).toMatch(/^451 4\.3\.0 /);
    const stored = await inboxOf("dee@outage.test");
    expect(stored).toHaveLength(before);
    expect(stored.some((m) => Buffer.from(m.raw).toString().includes("during the outage"))).toBe(
      false,
    );
  });
});

// \Recent (RFC 3501 §2.3.2): a message is recent in exactly one session — the first to SELECT
// its folder after it arrived, or the selected session that notices it arrive first — across
// backend processes (two listener groups on one database). EXAMINE never claims.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverMessage } from "@/lib/server/mail-store/deliver-message";
import { RawImapClient } from "./support/raw-client";
import {
  PASSWORD,
  sampleMessage,
  seedMailbox,
  loggedInRawClient,
  startTestImapServer,
  type TestImapServer,
} from "./support/imap-server";

const run = promisify(execFile);
let first: TestImapServer;
let second: TestImapServer;

beforeAll(async () => {
  [first, second] = await Promise.all([startTestImapServer(), startTestImapServer()]);
});
afterAll(() => Promise.all([first.close(), second.close()]));

async function session(server: TestImapServer, user: string): Promise<RawImapClient> {
  const c = await loggedInRawClient(server.port, user);
  return c;
}

describe("IMAP \\Recent", () => {
  it("is claimed by the first SELECT only, shown in FETCH FLAGS, STATUS and SEARCH", async () => {
    const user = "recent@imap.test";
    const { id: mailboxId } = await seedMailbox(user);
    await deliverMessage({ mailboxId, raw: sampleMessage(1) });
    await deliverMessage({ mailboxId, raw: sampleMessage(2) });

    const examiner = await session(first, user);
    const examined = await examiner.command("e1", "EXAMINE INBOX");
    expect(examined).toContain("* 2 EXISTS\r\n* 2 RECENT\r\n");
    expect(await examiner.command("e2", "FETCH 1 FLAGS")).toContain("* 1 FETCH (FLAGS (\\Recent))");
    expect(await examiner.command("e3", "STATUS INBOX (RECENT MESSAGES)")).toContain(
      '* STATUS "INBOX" (RECENT 2 MESSAGES 2)',
    );

    const owner = await session(second, user);
    expect(await owner.command("s1", "SELECT INBOX")).toContain("* 2 EXISTS\r\n* 2 RECENT\r\n");
    expect(await owner.command("s2", "FETCH 1:2 FLAGS")).toContain(
      "* 1 FETCH (FLAGS (\\Recent))\r\n* 2 FETCH (FLAGS (\\Recent))\r\n",
    );
    expect(await owner.command("s3", "STORE 1 +FLAGS (\\Seen)")).toContain(
      "* 1 FETCH (FLAGS (\\Seen \\Recent))",
    );
    expect(await owner.command("s4", "SEARCH RECENT")).toContain("* SEARCH 1 2\r\n");
    expect(await owner.command("s5", "SEARCH NEW")).toContain("* SEARCH 2\r\n");
    expect(await owner.command("s6", "SEARCH OLD")).toContain("* SEARCH\r\n");

    const latecomer = await session(first, user);
    expect(await latecomer.command("x1", "SELECT INBOX")).toContain("* 2 EXISTS\r\n* 0 RECENT\r\n");
    expect(await latecomer.command("x2", "FETCH 2 FLAGS")).toContain("* 2 FETCH (FLAGS ())");
    expect(await latecomer.command("x3", "SEARCH OLD")).toContain("* SEARCH 1 2\r\n");
    expect(await latecomer.command("x4", "SEARCH RECENT")).toContain("* SEARCH\r\n");
    expect(await examiner.command("e4", "STATUS INBOX (RECENT)")).toContain("(RECENT 0)");

    // A new arrival belongs to the selected session that notices it first.
    await deliverMessage({ mailboxId, raw: sampleMessage(3) });
    expect(await examiner.command("e5", "STATUS INBOX (RECENT)")).toContain("(RECENT 1)");
    expect(await latecomer.command("x5", "NOOP")).toContain("* 3 EXISTS\r\n* 1 RECENT\r\n");
    expect(await owner.command("s7", "NOOP")).toContain("* 3 EXISTS\r\n* 2 RECENT\r\n");
    expect(await latecomer.command("x6", "FETCH 3 FLAGS")).toContain(
      "* 3 FETCH (FLAGS (\\Recent))",
    );
    expect(await owner.command("s8", "FETCH 3 FLAGS")).toContain("* 3 FETCH (FLAGS ())");
    for (const c of [examiner, owner, latecomer]) c.close();
  });

  it("gives each message to exactly one of many sessions selecting at once on two servers", async () => {
    const user = "recent-race@imap.test";
    const { id: mailboxId } = await seedMailbox(user);
    for (let i = 1; i <= 4; i++) await deliverMessage({ mailboxId, raw: sampleMessage(i) });
    const clients = await Promise.all(
      Array.from({ length: 6 }, (_, i) => session(i % 2 ? first : second, user)),
    );
    const answers = await Promise.all(clients.map((c) => c.command("s", "SELECT INBOX")));
    const counts = answers.map((a) => Number(/^\* (\d+) RECENT/m.exec(a)![1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(4);
    // Each message is \Recent in exactly one session.
    const recentUids: number[] = [];
    for (const c of clients) {
      const found = await c.command("r", "UID SEARCH RECENT");
      recentUids.push(
        .../^\* SEARCH(.*)\r\n/m.exec(found)![1].trim().split(" ").filter(Boolean).map(Number),
      );
    }
    expect(recentUids.sort()).toEqual([1, 2, 3, 4]);
    for (const c of clients) c.close();
  });

  it("reports RECENT to Python imaplib on the first SELECT and not on the second", async () => {
    const user = "recent-py@imap.test";
    const { id: mailboxId } = await seedMailbox(user);
    for (let i = 1; i <= 3; i++) await deliverMessage({ mailboxId, raw: sampleMessage(i) });
    const script = path.join(import.meta.dirname, "clients/imaplib_recent.py");
    const once = async () =>
      JSON.parse((await run("python3", [script, String(first.port), user, PASSWORD])).stdout);
    const a = await once();
    expect(a.recent).toEqual(["3"]);
    expect(a.flags).toEqual(expect.arrayContaining([expect.stringContaining("\\Recent")]));
    expect(a.search_recent).toBe("1 2 3");
    const b = await once();
    expect(b.recent).toEqual(["0"]);
    expect(b.search_recent).toBe("");
    expect(b.search_old).toBe("1 2 3");
  });
});

// STORE and SELECT against changes made elsewhere (issue #9's fast paths must stay exact):
//  - four imapflow sessions on two servers (separate snapshot caches and change feeds, one
//    database) store flags on one folder at the same time: after every round each session has
//    seen every other session's change exactly once, with the writer's MODSEQ and flags, and its
//    own change once (its STORE answer);
//  - SELECT right after changes made by another server, another connection pool (raw SQL, as
//    another process would) or deliverMessage shows exactly what the database holds: EXISTS,
//    UIDNEXT, HIGHESTMODSEQ and every message's flags and modseq.
import pg from "pg";
import type { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { deliverMessage } from "@/lib/server/mail-store/deliver-message";
import { RawImapClient } from "./support/raw-client";
import {
  imapFlowClient,
  loggedInRawClient,
  sampleMessage,
  seedMailbox,
  startTestImapServer,
  type TestImapServer,
} from "./support/imap-server";

let first: TestImapServer;
let second: TestImapServer;

beforeAll(async () => {
  [first, second] = await Promise.all([startTestImapServer(), startTestImapServer()]);
});
afterAll(() => Promise.all([first.close(), second.close()]));

type FlagEvent = { uid: number; modseq: bigint; flags: string[] };

const sorted = (flags: Iterable<string>) => [...flags].filter((f) => f !== "\\Recent").sort();

describe("STORE with four sessions on one folder", () => {
  it("shows every session each other session's change exactly once, with its MODSEQ", async () => {
    const user = "store-four@imap.test";
    const { id: mailboxId } = await seedMailbox(user);
    for (let n = 1; n <= 6; n++) await deliverMessage({ mailboxId, raw: sampleMessage(n) });
    const clients: ImapFlow[] = [0, 1, 2, 3].map((i) =>
      imapFlowClient((i % 2 === 0 ? first : second).port, user),
    );
    const events: FlagEvent[][] = clients.map(() => []);
    try {
      for (const [i, client] of clients.entries()) {
        await client.connect();
        await client.mailboxOpen("INBOX");
        client.on("flags", (e: { uid?: number; modseq?: bigint; flags: Set<string> }) => {
          events[i].push({ uid: e.uid!, modseq: BigInt(e.modseq!), flags: sorted(e.flags) });
        });
      }
      for (const client of clients) expect(client.enabled.has("CONDSTORE")).toBe(true);
      // Session i writes message i + 1; each round every session adds a new keyword at once.
      for (let round = 1; round <= 5; round++) {
        for (const list of events) list.length = 0;
        await Promise.all(
          clients.map((client, i) =>
            client.messageFlagsAdd(String(i + 1), [`k${i}r${round}`], { uid: true }),
          ),
        );
        for (const client of clients) await client.noop();
        const written = clients.map((_, i) => {
          const own = events[i].filter((e) => e.uid === i + 1);
          expect(own, `session ${i} round ${round}: its STORE answer`).toHaveLength(1);
          return own[0];
        });
        for (const [i, list] of events.entries()) {
          for (const [j, change] of written.entries()) {
            const seen = list.filter((e) => e.uid === j + 1);
            expect(seen, `session ${i} round ${round}: change by ${j}`).toEqual([change]);
          }
          expect(list.filter((e) => e.uid > 4)).toEqual([]);
        }
        // Every round's four changes got four distinct modseqs.
        expect(new Set(written.map((w) => w.modseq)).size).toBe(4);
      }
      const rows = await db().message.findMany({
        where: { mailbox: { id: mailboxId }, uid: { lte: 4 } },
        orderBy: { uid: "asc" },
        select: { uid: true, flags: true },
      });
      for (const row of rows)
        expect(sorted(row.flags)).toEqual(
          sorted([1, 2, 3, 4, 5].map((round) => `k${row.uid - 1}r${round}`)),
        );
    } finally {
      await Promise.all(clients.map((c) => c.logout().catch(() => c.close())));
    }
  });
});

describe("STORE after changes made elsewhere", () => {
  it("announces others' flags and arrivals, and holds expunges unless it is UID STORE", async () => {
    const user = "store-elsewhere@imap.test";
    const { id: mailboxId } = await seedMailbox(user);
    for (let n = 1; n <= 4; n++) await deliverMessage({ mailboxId, raw: sampleMessage(n) });
    const a = await loggedInRawClient(first.port, user);
    const b = await loggedInRawClient(second.port, user);
    try {
      // b selects first: the four messages are \Recent in b, not in a.
      expect(await b.command("b1", "SELECT INBOX")).toMatch(/^b1 OK/m);
      expect(await a.command("a1", "SELECT INBOX (CONDSTORE)")).toMatch(/^a1 OK/m);
      expect(await b.command("b2", "STORE 3 +FLAGS (Other)")).toMatch(/^b2 OK/m);
      expect(await b.command("b3", "STORE 2 +FLAGS (\\Deleted)")).toMatch(/^b3 OK/m);
      expect(await b.command("b4", "EXPUNGE")).toMatch(/^b4 OK/m);
      await deliverMessage({ mailboxId, raw: sampleMessage(5) });
      const { messages } = await folderTruth(mailboxId);
      const modseqOf = (uid: number) => messages.find((m) => m.uid === uid)!.modseq;

      // Sequence STORE: no EXPUNGE (RFC 3501 §7.4.1), so UID 3 is still seq 3.
      const stored = await a.command("a2", "STORE 1 +FLAGS (Mine)");
      expect(stored).not.toContain("EXPUNGE");
      expect(stored).toContain(`* 3 FETCH (UID 3 FLAGS (Other) MODSEQ (${modseqOf(3)}))\r\n`);
      expect(stored).toContain("* 5 EXISTS\r\n* 1 RECENT\r\n");
      expect(stored).toMatch(/^\* 1 FETCH \(FLAGS \(Mine\) MODSEQ \(\d+\)\)\r$/m);
      expect(stored.match(/FETCH/g)).toHaveLength(2);
      const noop = await a.command("a3", "NOOP");
      expect(noop).toContain("* 2 EXPUNGE\r\n");
      expect(noop).not.toContain("FETCH");

      // UID STORE may announce expunges at once.
      expect(await b.command("b5", "UID STORE 4 +FLAGS (\\Deleted)")).toMatch(/^b5 OK/m);
      expect(await b.command("b6", "EXPUNGE")).toMatch(/^b6 OK/m);
      const uidStored = await a.command("a4", "UID STORE 1 -FLAGS (Mine)");
      expect(uidStored).toContain("* 3 EXPUNGE\r\n");
      expect(uidStored).toMatch(/^\* 1 FETCH \(UID 1 FLAGS \(\) MODSEQ \(\d+\)\)\r$/m);
      expect(await a.command("a5", "NOOP")).not.toMatch(/EXPUNGE|FETCH|EXISTS/);
      expect(await a.command("a6", "FETCH 1:* (UID FLAGS)")).toMatch(
        /^\* 1 FETCH \(UID 1 FLAGS \(\) MODSEQ \(\d+\)\)\r\n\* 2 FETCH \(UID 3 FLAGS \(Other\) MODSEQ \(\d+\)\)\r\n\* 3 FETCH \(UID 5 FLAGS \(\\Recent\) MODSEQ \(\d+\)\)\r$/m,
      );
    } finally {
      a.close();
      b.close();
    }
  });
});

/** What the database holds for the folder: the answer SELECT must give. */
async function folderTruth(mailboxId: number) {
  const folder = await db().mailFolder.findFirstOrThrow({ where: { mailboxId, name: "INBOX" } });
  const messages = await db().message.findMany({
    where: { folderId: folder.id },
    orderBy: { uid: "asc" },
    select: { uid: true, flags: true, modseq: true },
  });
  return { folder, messages };
}

/** SELECT (CONDSTORE) plus FETCH 1:* (UID FLAGS MODSEQ) checked against the database. */
async function expectSelectShowsTruth(client: RawImapClient, mailboxId: number, tag: string) {
  const answer = await client.command(tag, "SELECT INBOX (CONDSTORE)");
  const { folder, messages } = await folderTruth(mailboxId);
  expect(answer).toContain(`* ${messages.length} EXISTS\r\n`);
  expect(answer).toContain(`[UIDNEXT ${folder.uidNext}]`);
  expect(answer).toContain(`[HIGHESTMODSEQ ${folder.highestModseq}]`);
  const unseen = messages.findIndex((m) => !m.flags.includes("\\Seen"));
  if (unseen >= 0) expect(answer).toContain(`[UNSEEN ${unseen + 1}]`);
  else expect(answer).not.toContain("[UNSEEN");
  for (const keyword of new Set(messages.flatMap((m) => m.flags.filter((f) => f[0] !== "\\"))))
    expect(answer).toMatch(new RegExp(`^\\* FLAGS \\(.*${keyword}`, "m"));
  if (messages.length === 0) return;
  const fetched = await client.command(`${tag}f`, "FETCH 1:* (UID FLAGS MODSEQ)");
  const seen = [...fetched.matchAll(/^\* (\d+) FETCH \((.*)\)\r$/gm)].map(([, seq, body]) => ({
    seq: Number(seq),
    uid: Number(/UID (\d+)/.exec(body)![1]),
    flags: sorted(/FLAGS \(([^)]*)\)/.exec(body)![1].split(" ").filter(Boolean)),
    modseq: BigInt(/MODSEQ \((\d+)\)/.exec(body)![1]),
  }));
  expect(seen).toEqual(
    messages.map((m, i) => ({ seq: i + 1, uid: m.uid, flags: sorted(m.flags), modseq: m.modseq })),
  );
}

describe("SELECT after changes made elsewhere", () => {
  it("shows EXISTS, UIDNEXT, HIGHESTMODSEQ and flags as the database holds them", async () => {
    const user = "select-elsewhere@imap.test";
    const { id: mailboxId } = await seedMailbox(user);
    for (let n = 1; n <= 5; n++) await deliverMessage({ mailboxId, raw: sampleMessage(n) });
    const reader = await loggedInRawClient(first.port, user);
    const writer = await loggedInRawClient(second.port, user);
    const otherProcess = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    try {
      // Warm first's snapshot cache, then change the folder behind its back, several ways.
      await expectSelectShowsTruth(reader, mailboxId, "a");
      await expectSelectShowsTruth(reader, mailboxId, "b"); // from the cache

      expect(await writer.command("w1", "SELECT INBOX")).toMatch(/^w1 OK/m);
      expect(await writer.command("w2", "STORE 2,4 +FLAGS (\\Seen Later)")).toMatch(/^w2 OK/m);
      await expectSelectShowsTruth(reader, mailboxId, "c");

      await deliverMessage({ mailboxId, raw: sampleMessage(6) });
      await expectSelectShowsTruth(reader, mailboxId, "d");

      expect(await writer.command("w3", "STORE 1 +FLAGS (\\Deleted)")).toMatch(/^w3 OK/m);
      expect(await writer.command("w4", "EXPUNGE")).toMatch(/^w4 OK/m);
      await expectSelectShowsTruth(reader, mailboxId, "e");

      // Another process's writer: flags changed with a new modseq through its own connection.
      const folder = await db().mailFolder.findFirstOrThrow({ where: { mailboxId } });
      await otherProcess.query(
        `WITH f AS (UPDATE "MailFolder" SET "highestModseq" = "highestModseq" + 1 WHERE id = $1
                    RETURNING "highestModseq")
         UPDATE "Message" SET flags = ARRAY['\\Seen', '\\Flagged', 'Elsewhere'],
                modseq = (SELECT "highestModseq" FROM f)
         WHERE "folderId" = $1 AND uid = (SELECT min(uid) FROM "Message" WHERE "folderId" = $1)`,
        [folder.id],
      );
      await expectSelectShowsTruth(reader, mailboxId, "f");
      await expectSelectShowsTruth(reader, mailboxId, "g");

      // Every message seen and the keywords gone: no UNSEEN, no stale keyword in FLAGS.
      expect(await writer.command("w5", "STORE 1:* FLAGS (\\Seen)")).toMatch(/^w5 OK/m);
      const answer = await reader.command("h", "EXAMINE INBOX");
      expect(answer).not.toContain("Later");
      expect(answer).not.toContain("Elsewhere");
      await expectSelectShowsTruth(reader, mailboxId, "i");
    } finally {
      reader.close();
      writer.close();
      await otherProcess.end();
    }
  });
});

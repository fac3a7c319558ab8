// The shared folder change feed (lib/server/imap/folder-change-feed.ts): one change read per
// folder and notification, from which every session renders its own untagged responses.
//  - Directly on SelectedFolder views: two sessions whose sequence numbers differ (one had not
//    seen an earlier EXPUNGE), one with QRESYNC (VANISHED + MODSEQ), one without (EXPUNGE);
//    sessions behind by different modseqs get their own read or a narrowed superset.
//  - End to end: imapflow clients (with and without QRESYNC) and raw sockets idle on one folder;
//    a delivery and an expunge reach every one of them with one change read per notification.
import { Writable } from "node:stream";
import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import {
  FolderChangeFeed,
  newFeedStats,
  type FolderChangeFeedStats,
} from "@/lib/server/imap/folder-change-feed";
import { folderSnapshot } from "@/lib/server/imap/folder-state";
import { findFolder } from "@/lib/server/imap/folders";
import { storeFlags } from "@/lib/server/imap/store-flags";
import { deliverMessage } from "@/lib/server/mail-store/deliver-message";
import { expungeMessages } from "@/lib/server/mail-store/expunge-messages";
import { ResponseWriter } from "@/mailserver/imap/response-writer";
import { SelectedFolder } from "@/mailserver/imap/selected-folder";
import { RawImapClient } from "./support/raw-client";
import {
  loggedInRawClient,
  PASSWORD,
  sampleMessage,
  seedMailbox,
  startTestImapServer,
  type TestImapServer,
} from "./support/imap-server";

const stats: FolderChangeFeedStats = newFeedStats();
let server: TestImapServer;

beforeAll(async () => {
  server = await startTestImapServer({}, { stats });
});
afterAll(() => server.close());

async function seeded(user: string, messages: number) {
  const mailbox = await seedMailbox(user);
  for (let i = 1; i <= messages; i++)
    await deliverMessage({ mailboxId: mailbox.id, raw: sampleMessage(i) });
  return { mailbox, inbox: (await findFolder(mailbox.id, "INBOX"))! };
}

/** A listener whose notifications the test sends by hand. */
function handListener() {
  const subscribers = new Map<number, Set<() => void>>();
  return {
    subscribe(folderId: number, onChange: () => void) {
      const set = subscribers.get(folderId) ?? new Set();
      subscribers.set(folderId, set.add(onChange));
      return () => void set.delete(onChange);
    },
    notify(folderId: number) {
      for (const fn of subscribers.get(folderId) ?? []) fn();
    },
  };
}

async function view(folderId: number): Promise<SelectedFolder> {
  const snapshot = (await folderSnapshot({ folderId }))!;
  return new SelectedFolder(folderId, "INBOX", true, snapshot.uidValidity, snapshot);
}

const plain = { allowExpunge: true, withModseq: false, vanished: false, shared: true };
const qresync = { allowExpunge: true, withModseq: true, vanished: true, shared: true };

async function modseqOf(folderId: number, uid: number): Promise<bigint> {
  const m = await db().message.findFirstOrThrow({ where: { folderId, uid } });
  return m.modseq;
}

describe("a woken session's output", () => {
  it("leaves in one write to the socket, not one per line", async () => {
    const writes: string[] = [];
    const socket = new Writable({
      write(chunk: Buffer, _encoding, done) {
        writes.push(chunk.toString());
        done();
      },
    });
    const writer = new ResponseWriter(socket);
    // What pushUpdates sends after an expunge and a delivery, then a keep-alive line.
    await writer.write("* 2 EXPUNGE\r\n* 4 EXISTS\r\n* 1 RECENT\r\n");
    await writer.line("* OK Still here");
    expect(writes).toEqual([]); // gathered until the event loop turns
    await new Promise((r) => setImmediate(r));
    expect(writes).toEqual(["* 2 EXPUNGE\r\n* 4 EXISTS\r\n* 1 RECENT\r\n* OK Still here\r\n"]);
  });
});

describe("shared change reads rendered per session", () => {
  it("gives each session its own sequence numbers and its own EXPUNGE or VANISHED", async () => {
    const { inbox } = await seeded("feed1@imap.test", 5);
    const listener = handListener();
    const feed = new FolderChangeFeed(listener);
    feed.subscribe(inbox.id, () => {});

    const behind = await view(inbox.id); // still holds UID 2
    await expungeMessages({ folderId: inbox.id, uids: [2] });
    const ahead = await view(inbox.id);
    expect(ahead.uids).toEqual([1, 3, 4, 5]);
    await expungeMessages({ folderId: inbox.id, uids: [4] });
    await storeFlags({ folderId: inbox.id, uids: [5], mode: "add", flags: ["\\Flagged"] });
    listener.notify(inbox.id);

    // The session furthest behind reads; the other one is answered from that read, narrowed.
    expect(await behind.sync({ ...plain, feed })).toEqual([
      "* 2 EXPUNGE",
      "* 3 EXPUNGE",
      "* 3 EXISTS",
      "* 3 FETCH (UID 5 FLAGS (\\Flagged))",
    ]);
    expect(await ahead.sync({ ...qresync, feed })).toEqual([
      "* VANISHED 4",
      "* 3 EXISTS",
      `* 3 FETCH (UID 5 FLAGS (\\Flagged) MODSEQ (${await modseqOf(inbox.id, 5)}))`,
    ]);
    expect(feed.stats).toMatchObject({ reads: 1, sharedReads: 1 });
    expect(behind.highestModseq).toBe(ahead.highestModseq);

    // A later notification voids the kept read: the next wake-up reads again, once.
    await storeFlags({ folderId: inbox.id, uids: [1], mode: "add", flags: ["\\Seen"] });
    expect(await behind.sync({ ...plain, feed })).toEqual([]); // not notified yet: kept read
    listener.notify(inbox.id);
    expect(await behind.sync({ ...plain, feed })).toEqual(["* 1 FETCH (UID 1 FLAGS (\\Seen))"]);
    expect(await ahead.sync({ ...qresync, feed })).toEqual([
      `* 1 FETCH (UID 1 FLAGS (\\Seen) MODSEQ (${await modseqOf(inbox.id, 1)}))`,
    ]);
    expect(feed.stats).toMatchObject({ notifications: 2, reads: 2, sharedReads: 3 });
  });

  it("gives a session further behind than the kept read its own read", async () => {
    const { inbox } = await seeded("feed2@imap.test", 4);
    const listener = handListener();
    const feed = new FolderChangeFeed(listener);
    feed.subscribe(inbox.id, () => {});
    const behind = await view(inbox.id);
    await storeFlags({ folderId: inbox.id, uids: [3], mode: "add", flags: ["\\Answered"] });
    const ahead = await view(inbox.id);
    await expungeMessages({ folderId: inbox.id, uids: [3] });
    listener.notify(inbox.id);

    // The read from the later modseq cannot answer the earlier one: that one reads itself.
    expect(await ahead.sync({ ...plain, feed })).toEqual(["* 3 EXPUNGE", "* 3 EXISTS"]);
    expect(await behind.sync({ ...qresync, feed })).toEqual(["* VANISHED 3", "* 3 EXISTS"]);
    expect(feed.stats).toMatchObject({ reads: 2, sharedReads: 0 });
    // Both are now at the same modseq: a second look shares one read.
    listener.notify(inbox.id);
    await Promise.all([ahead.sync({ ...plain, feed }), behind.sync({ ...qresync, feed })]);
    expect(feed.stats).toMatchObject({ reads: 3, sharedReads: 1 });
  });
});

function flow(user: string, qresync: boolean): ImapFlow {
  return new ImapFlow({
    host: "127.0.0.1",
    port: server.port,
    secure: false,
    doSTARTTLS: false,
    qresync,
    auth: { user, pass: PASSWORD },
    logger: false,
  });
}

type Expunge = { seq?: number; uid?: number; vanished: boolean };

async function idlingFlow(user: string, qresync: boolean) {
  const client = flow(user, qresync);
  const seen = { exists: [] as number[], expunges: [] as Expunge[] };
  client.on("exists", (d: { count: number }) => seen.exists.push(d.count));
  client.on("expunge", (e: Expunge) => seen.expunges.push(e));
  await client.connect();
  await client.mailboxOpen("INBOX");
  const idle = client.idle();
  while (!(client as unknown as { idling: boolean }).idling)
    await new Promise((r) => setTimeout(r, 20));
  return { client, seen, idle };
}

async function idlingRaw(user: string, qresync: boolean): Promise<RawImapClient> {
  const c = await loggedInRawClient(server.port, user);
  if (qresync) await c.command("e", "ENABLE QRESYNC");
  await c.command("s", "SELECT INBOX");
  c.send("i IDLE\r\n");
  await c.until(/^\+ .*\r\n/m);
  return c;
}

async function eventually(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!check()) throw new Error(`never happened: ${what}`);
}

describe("IDLE sessions on one folder share the change read", () => {
  it("delivers a new message and an expunge to every idle client, one read per notification", async () => {
    const user = "feed-idle@imap.test";
    const { mailbox, inbox } = await seeded(user, 3);
    const flows = [
      await idlingFlow(user, false),
      await idlingFlow(user, false),
      await idlingFlow(user, true),
      await idlingFlow(user, true),
    ];
    const plainRaw = await idlingRaw(user, false);
    const qresyncRaw = await idlingRaw(user, true);
    const before = { ...stats };

    await deliverMessage({ mailboxId: mailbox.id, raw: sampleMessage(4) });
    await eventually(() => flows.every((f) => f.seen.exists.includes(4)), "EXISTS 4 on imapflow");
    expect(await plainRaw.until(/\* 4 EXISTS\r\n\* \d RECENT\r\n/)).toMatch(/4 EXISTS/);
    expect(await qresyncRaw.until(/\* 4 EXISTS\r\n\* \d RECENT\r\n/)).toMatch(/4 EXISTS/);
    const afterDelivery = { ...stats };
    const notified = afterDelivery.notifications - before.notifications;
    const reads = afterDelivery.reads - before.reads;
    expect(notified).toBeGreaterThanOrEqual(1);
    // Six sessions woke up; the folder was read at most once per notification.
    expect(reads).toBeGreaterThanOrEqual(1);
    expect(reads).toBeLessThanOrEqual(notified);
    expect(afterDelivery.sharedReads - before.sharedReads).toBeGreaterThanOrEqual(6 - reads);
    // \Recent went to one session: one claim reached the database, the others were skipped.
    expect(afterDelivery.claims - before.claims).toBeLessThanOrEqual(notified);
    expect(afterDelivery.claimsSkipped - before.claimsSkipped).toBeGreaterThanOrEqual(1);

    await expungeMessages({ folderId: inbox.id, uids: [2] });
    await eventually(
      () => flows.every((f) => f.seen.expunges.length > 0),
      "expunge event on every imapflow client",
    );
    expect(flows[0].seen.expunges).toEqual([expect.objectContaining({ seq: 2, vanished: false })]);
    expect(flows[1].seen.expunges).toEqual([expect.objectContaining({ seq: 2, vanished: false })]);
    expect(flows[2].seen.expunges).toEqual([expect.objectContaining({ uid: 2, vanished: true })]);
    expect(flows[3].seen.expunges).toEqual([expect.objectContaining({ uid: 2, vanished: true })]);
    expect(await plainRaw.until(/\* 3 EXISTS\r\n/)).toBe("* 2 EXPUNGE\r\n* 3 EXISTS\r\n");
    expect(await qresyncRaw.until(/\* 3 EXISTS\r\n/)).toBe("* VANISHED 2\r\n* 3 EXISTS\r\n");
    const notifiedAgain = stats.notifications - afterDelivery.notifications;
    expect(stats.reads - afterDelivery.reads).toBeLessThanOrEqual(notifiedAgain);

    for (const f of flows) {
      await f.client.logout();
      await f.idle;
    }
    for (const c of [plainRaw, qresyncRaw]) {
      c.send("DONE\r\n");
      await c.until(/^i OK .*\r\n/m);
      c.close();
    }
  });
});

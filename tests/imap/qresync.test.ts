// QRESYNC (RFC 7162) on a raw socket, exact responses: ENABLE, VANISHED instead of EXPUNGE,
// SELECT (QRESYNC …) with VANISHED (EARLIER) and changed flags, UID FETCH (CHANGEDSINCE … VANISHED),
// [CLOSED], HIGHESTMODSEQ after expunge, and the bounded tombstones' full-resync fallback.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { findFolder } from "@/lib/server/imap/folders";
import { deliverMessage } from "@/lib/server/mail-store/deliver-message";
import { expungeMessages } from "@/lib/server/mail-store/expunge-messages";
import { RawImapClient } from "./support/raw-client";
import {
  sampleMessage,
  seedMailbox,
  loggedInRawClient,
  startTestImapServer,
  type TestImapServer,
} from "./support/imap-server";

let server: TestImapServer;

beforeAll(async () => {
  server = await startTestImapServer();
});
afterAll(() => server.close());

async function seeded(user: string, messages: number) {
  const mailbox = await seedMailbox(user);
  for (let i = 1; i <= messages; i++)
    await deliverMessage({ mailboxId: mailbox.id, raw: sampleMessage(i) });
  const inbox = (await findFolder(mailbox.id, "INBOX"))!;
  return { mailbox, inbox };
}

async function session(user: string, qresync = true): Promise<RawImapClient> {
  const c = await loggedInRawClient(server.port, user);
  if (qresync)
    expect(await c.command("e", "ENABLE QRESYNC")).toBe(
      "* ENABLED QRESYNC\r\ne OK ENABLE completed\r\n",
    );
  return c;
}

const field = (text: string, name: string) =>
  new RegExp(`\\[${name} (\\d+)\\]`).exec(text)?.[1] ?? "";

async function folderMarks(folderId: number) {
  return db().mailFolder.findUniqueOrThrow({
    where: { id: folderId },
    select: { highestModseq: true, expungedFloorModseq: true, uidValidity: true },
  });
}

describe("IMAP QRESYNC", () => {
  it("announces expunges as VANISHED and resynchronises a reconnecting client exactly", async () => {
    const user = "qr1@imap.test";
    const { inbox } = await seeded(user, 6);
    const a = await session(user);
    const selected = await a.command("s", "SELECT INBOX");
    const uidValidity = field(selected, "UIDVALIDITY");
    const before = BigInt(field(selected, "HIGHESTMODSEQ"));

    // Another session flags 2, deletes 3 and 4; it sees its own expunge as VANISHED, and the
    // tagged OK carries the grown HIGHESTMODSEQ.
    const b = await session(user);
    await b.command("s", "SELECT INBOX");
    // .SILENT still reports the new modseq to a CONDSTORE client; QRESYNC adds the UID.
    expect(await b.command("f", "STORE 2 +FLAGS.SILENT (\\Flagged)")).toMatch(
      /^\* 2 FETCH \(UID 2 MODSEQ \(\d+\)\)\r\nf OK STORE completed\r\n$/,
    );
    await b.command("d", "UID STORE 3:4 +FLAGS.SILENT (\\Deleted)");
    const expunged = await b.command("x", "EXPUNGE");
    const after = (await folderMarks(inbox.id)).highestModseq;
    expect(after).toBeGreaterThan(before);
    expect(expunged).toBe(
      `* VANISHED 3:4\r\n* 4 EXISTS\r\nx OK [HIGHESTMODSEQ ${after}] EXPUNGE completed\r\n`,
    );

    // The first session hears about it at its next command: VANISHED, no "n EXPUNGE". (It
    // SELECTed first, so the messages are \Recent in it.)
    const noop = await a.command("n", "NOOP");
    expect(noop).toMatch(
      /^\* VANISHED 3:4\r\n\* 4 EXISTS\r\n\* 2 FETCH \(UID 2 FLAGS \(\\Flagged \\Recent\) MODSEQ \(\d+\)\)\r\n/,
    );
    expect(noop).not.toContain("EXPUNGE");
    const flaggedModseq = /MODSEQ \((\d+)\)/.exec(noop)![1];

    // A client that went away at `before` comes back.
    const c = await session(user);
    const resync = await c.command("r", `SELECT INBOX (QRESYNC (${uidValidity} ${before} 1:6))`);
    expect(resync).toContain(`* OK [HIGHESTMODSEQ ${after}] Highest\r\n`);
    expect(resync).toMatch(
      new RegExp(
        `\\* VANISHED \\(EARLIER\\) 3:4\\r\\n\\* 2 FETCH \\(UID 2 FLAGS \\(\\\\Flagged\\) MODSEQ \\(${flaggedModseq}\\)\\)\\r\\nr OK \\[READ-WRITE\\] SELECT completed\\r\\n$`,
      ),
    );
    // Known UIDs limit the VANISHED answer; SELECT while selected first says [CLOSED].
    const limited = await c.command("r2", `EXAMINE INBOX (QRESYNC (${uidValidity} ${before} 1:3))`);
    expect(limited.startsWith("* OK [CLOSED] Previous folder closed\r\n")).toBe(true);
    expect(limited).toContain("* VANISHED (EARLIER) 3\r\n");
    expect(limited).toContain("* 2 FETCH (UID 2 FLAGS (\\Flagged)");
    const others = await c.command("r5", `EXAMINE INBOX (QRESYNC (${uidValidity} ${before} 3:6))`);
    expect(others).toContain("* VANISHED (EARLIER) 3:4\r\n");
    expect(others).not.toContain("FETCH");
    // Nothing changed since `after`: no VANISHED, no FETCH.
    const current = await c.command("r3", `EXAMINE INBOX (QRESYNC (${uidValidity} ${after}))`);
    expect(current).not.toMatch(/VANISHED|FETCH/);
    // A stale UIDVALIDITY voids the client's cache: plain SELECT answers only.
    const stale = await c.command("r4", `EXAMINE INBOX (QRESYNC (${Number(uidValidity) + 1} 1))`);
    expect(stale).not.toMatch(/VANISHED|FETCH/);

    // UID FETCH … (CHANGEDSINCE m VANISHED): the expunged UIDs of the requested set, then changes.
    const fetched = await c.command("u", `UID FETCH 1:* (FLAGS) (CHANGEDSINCE ${before} VANISHED)`);
    expect(fetched).toBe(
      `* VANISHED (EARLIER) 3:4\r\n* 2 FETCH (UID 2 FLAGS (\\Flagged) MODSEQ (${flaggedModseq}))\r\nu OK FETCH completed\r\n`,
    );
    expect(await c.command("u2", `UID FETCH 5:6 (FLAGS) (CHANGEDSINCE ${before} VANISHED)`)).toBe(
      "u2 OK FETCH completed\r\n",
    );
    // MOVE's expunge half is a VANISHED too, after the COPYUID (RFC 6851).
    await c.command("s5", "SELECT INBOX");
    expect(await c.command("mv", "UID MOVE 6 Trash")).toMatch(
      /^\* OK \[COPYUID \d+ 6 1\] Moved\r\n\* VANISHED 6\r\n\* 3 EXISTS\r\nmv OK MOVE completed\r\n$/,
    );
    for (const client of [a, b, c]) client.close();
  });

  it("refuses QRESYNC parameters without ENABLE QRESYNC and malformed ones", async () => {
    const user = "qr2@imap.test";
    await seeded(user, 1);
    const c = await session(user, false);
    expect(await c.command("s", "SELECT INBOX (QRESYNC (1 1))")).toBe(
      "s BAD QRESYNC is not enabled\r\n",
    );
    await c.command("s2", "SELECT INBOX");
    expect(await c.command("f", "UID FETCH 1 (FLAGS) (CHANGEDSINCE 1 VANISHED)")).toBe(
      "f BAD VANISHED needs UID FETCH, CHANGEDSINCE and ENABLE QRESYNC\r\n",
    );
    // Without QRESYNC, expunges stay "n EXPUNGE".
    await c.command("d", "STORE 1 +FLAGS.SILENT (\\Deleted)");
    expect(await c.command("x", "EXPUNGE")).toBe(
      "* 1 EXPUNGE\r\n* 0 EXISTS\r\nx OK EXPUNGE completed\r\n",
    );
    expect(await c.command("e", "ENABLE CONDSTORE QRESYNC")).toBe(
      "* ENABLED CONDSTORE QRESYNC\r\ne OK ENABLE completed\r\n",
    );
    expect(await c.command("s3", "SELECT INBOX (QRESYNC (1))")).toMatch(/^s3 BAD/m);
    expect(await c.command("s4", "SELECT INBOX (QRESYNC (1 1 1:* (1:2)))")).toMatch(/^s4 BAD/m);
    expect(await c.command("f2", "FETCH 1:* (FLAGS) (CHANGEDSINCE 1 VANISHED)")).toMatch(
      /^f2 BAD/m,
    );
    c.close();
  });

  it("keeps tombstones bounded and answers clients older than the floor with a full resync", async () => {
    const user = "qr3@imap.test";
    const { inbox } = await seeded(user, 8);
    const a = await session(user);
    const selected = await a.command("s", "SELECT INBOX");
    const uidValidity = field(selected, "UIDVALIDITY");
    const start = BigInt(field(selected, "HIGHESTMODSEQ"));
    const plain = await session(user, false);
    await plain.command("s", "SELECT INBOX");
    // Three expunges, keeping one tombstone: the first two are pruned into the floor.
    await expungeMessages({ folderId: inbox.id, uids: [2], keptTombstones: 1 });
    const middle = (await folderMarks(inbox.id)).highestModseq;
    await expungeMessages({ folderId: inbox.id, uids: [5], keptTombstones: 1 });
    await expungeMessages({ folderId: inbox.id, uids: [7], keptTombstones: 1 });
    const marks = await folderMarks(inbox.id);
    const tombstones = await db().expungedMessage.findMany({ where: { folderId: inbox.id } });
    expect(tombstones.map((t) => t.uid)).toEqual([7]);
    expect(marks.expungedFloorModseq).toBeGreaterThan(middle);

    // The open session knew modseq `start`, below the floor: it still learns all three.
    expect(await a.command("n", "NOOP")).toBe(
      "* VANISHED 2,5,7\r\n* 5 EXISTS\r\nn OK NOOP completed\r\n",
    );
    // Without QRESYNC the same knowledge comes as EXPUNGEs, sequence numbers shifting as they go.
    expect(await plain.command("n", "NOOP")).toBe(
      "* 2 EXPUNGE\r\n* 4 EXPUNGE\r\n* 5 EXPUNGE\r\n* 5 EXISTS\r\nn OK NOOP completed\r\n",
    );
    // A reconnecting client from before the floor: every UID below UIDNEXT that is gone.
    const c = await session(user);
    const full = await c.command("r", `EXAMINE INBOX (QRESYNC (${uidValidity} ${start}))`);
    expect(full).toContain("* VANISHED (EARLIER) 2,5,7\r\n");
    // One at or above the floor gets the exact answer from the tombstone kept.
    const exact = await c.command(
      "r2",
      `EXAMINE INBOX (QRESYNC (${uidValidity} ${marks.expungedFloorModseq}))`,
    );
    expect(exact).toContain("* VANISHED (EARLIER) 7\r\n");
    expect(await c.command("u", `UID FETCH 1:* (UID) (CHANGEDSINCE ${start} VANISHED)`)).toBe(
      "* VANISHED (EARLIER) 2,5,7\r\nu OK FETCH completed\r\n",
    );
    for (const client of [a, plain, c]) client.close();
  });
});

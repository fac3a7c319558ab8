// RFC 3501 folder and message commands beyond the basics, and the extensions: CONDSTORE, QUOTA,
// CREATE-SPECIAL-USE, UIDPLUS (UID EXPUNGE, COPYUID), UNSELECT, NAMESPACE, ID, ENABLE, CHILDREN.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverMessage } from "@/lib/server/mail-store/deliver-message";
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

async function session(user: string): Promise<RawImapClient> {
  const c = await loggedInRawClient(server.port, user);
  return c;
}

describe("IMAP folders and extensions", () => {
  it("creates, lists with CHILDREN and special use, renames, subscribes and deletes folders", async () => {
    await seedMailbox("folders@imap.test");
    const c = await session("folders@imap.test");
    expect(await c.command("c1", "CREATE Projects/2026/Q1")).toMatch(/^c1 OK/m);
    expect(await c.command("c2", "CREATE Archive (USE (\\Archive))")).toMatch(/^c2 OK/m);
    expect(await c.command("c3", "CREATE Bad (USE (\\Nonsense))")).toMatch(/^c3 NO \[USEATTR\]/m);
    expect(await c.command("c4", "CREATE INBOX")).toMatch(/^c4 NO \[ALREADYEXISTS\]/m);
    const list = await c.command("c5", 'LIST "" "*"');
    expect(list).toContain('* LIST (\\HasChildren) "/" "Projects"');
    expect(list).toContain('* LIST (\\HasNoChildren) "/" "Projects/2026/Q1"');
    expect(list).toContain('* LIST (\\HasNoChildren \\Archive) "/" "Archive"');
    const top = await c.command("c6", 'LIST "" "%"');
    expect(top).not.toContain("Projects/2026");
    const special = await c.command("c7", 'LIST (SPECIAL-USE) "" "*"');
    expect(special.match(/^\* LIST/gm)).toHaveLength(5);
    expect(await c.command("c8", 'LIST "" "inbox"')).toContain('"INBOX"');
    expect(await c.command("c9", 'LIST "" ""')).toContain('* LIST (\\Noselect) "/" ""');
    expect(await c.command("r1", "RENAME Projects Work")).toMatch(/^r1 OK/m);
    const renamed = await c.command("r2", 'LIST "" "Work*"');
    expect(renamed).toContain('"Work/2026/Q1"');
    expect(renamed).not.toContain("Projects");
    expect(await c.command("u1", "UNSUBSCRIBE Junk")).toMatch(/^u1 OK/m);
    const lsub = await c.command("u2", 'LSUB "" "*"');
    expect(lsub).not.toContain('"Junk"');
    expect(lsub).toContain('"Sent"');
    expect(await c.command("u3", 'LIST (SUBSCRIBED) "" "J*"')).not.toMatch(/^\* LIST/m);
    expect(await c.command("d1", "DELETE INBOX")).toMatch(/^d1 NO/m);
    c.send("i0 APPEND INBOX {5+}\r\nhello\r\n");
    await c.until(/^i0 OK.*\r\n/m);
    expect(await c.command("i1", "RENAME inbox Old-Inbox")).toMatch(/^i1 OK/m);
    expect(await c.command("i2", "STATUS INBOX (MESSAGES)")).toContain("MESSAGES 0");
    expect(await c.command("i3", "STATUS Old-Inbox (MESSAGES)")).toContain("MESSAGES 1");
    expect(await c.command("d2", "DELETE Work/2026/Q1")).toMatch(/^d2 OK/m);
    expect(await c.command("d3", "SELECT Work/2026/Q1")).toMatch(/^d3 NO \[NONEXISTENT\]/m);
    expect(await c.command("n1", "NAMESPACE")).toContain('* NAMESPACE (("" "/")) NIL NIL');
    expect(await c.command("n2", 'ID ("name" "test")')).toMatch(/^\* ID \("name" "Octeportal"/m);
    c.close();
  });

  it("reports QUOTA, refuses over-quota APPEND and points APPEND/COPY at missing folders", async () => {
    const mailbox = await seedMailbox("quota@imap.test", { quotaBytes: 10 * 1024 });
    await deliverMessage({ mailboxId: mailbox.id, raw: sampleMessage(1, "x".repeat(3000)) });
    const c = await session("quota@imap.test");
    const quota = await c.command("q1", "GETQUOTAROOT INBOX");
    expect(quota).toContain('* QUOTAROOT "INBOX" ""');
    expect(quota).toMatch(/^\* QUOTA "" \(STORAGE 4 10\)/m);
    expect(await c.command("q2", 'GETQUOTA ""')).toMatch(/^\* QUOTA "" \(STORAGE 4 10\)/m);
    const big = "y".repeat(8000);
    c.send(`q3 APPEND INBOX {${big.length}+}\r\n${big}\r\n`);
    expect(await c.until(/^q3 .*\r\n/m)).toMatch(/^q3 NO \[OVERQUOTA\]/m);
    c.send("q4 APPEND Nowhere {5+}\r\nhello\r\n");
    expect(await c.until(/^q4 .*\r\n/m)).toMatch(/^q4 NO \[TRYCREATE\]/m);
    await c.command("q5", "SELECT INBOX");
    expect(await c.command("q6", "COPY 1 Nowhere")).toMatch(/^q6 NO \[TRYCREATE\]/m);
    expect(await c.command("q7", "COPY 1 Trash")).toMatch(/^q7 OK \[COPYUID \d+ 1 1\]/m);
    const status = await c.command("q8", "STATUS Trash (MESSAGES UIDNEXT UNSEEN HIGHESTMODSEQ)");
    expect(status).toMatch(
      /^\* STATUS "Trash" \(MESSAGES 1 UIDNEXT 2 UNSEEN 1 HIGHESTMODSEQ \d+\)/m,
    );
    c.close();
  });

  it("supports CONDSTORE: HIGHESTMODSEQ, MODSEQ, CHANGEDSINCE and UNCHANGEDSINCE", async () => {
    const mailbox = await seedMailbox("modseq@imap.test");
    for (let i = 1; i <= 3; i++)
      await deliverMessage({ mailboxId: mailbox.id, raw: sampleMessage(i) });
    const c = await session("modseq@imap.test");
    expect(await c.command("e1", "ENABLE CONDSTORE")).toContain("* ENABLED CONDSTORE");
    const selected = await c.command("e2", "SELECT INBOX (CONDSTORE)");
    const highest = BigInt(/HIGHESTMODSEQ (\d+)/.exec(selected)![1]);
    const stored = await c.command("e3", "STORE 2 +FLAGS (\\Flagged)");
    const modseq = BigInt(/MODSEQ \((\d+)\)/.exec(stored)![1]);
    expect(modseq).toBeGreaterThan(highest);
    const changed = await c.command("e4", `FETCH 1:* (FLAGS) (CHANGEDSINCE ${highest})`);
    expect(changed.match(/^\* \d+ FETCH/gm)).toHaveLength(1);
    // The first SELECT after delivery makes the messages \Recent in this session.
    expect(changed).toMatch(/^\* 2 FETCH \(FLAGS \(\\Flagged \\Recent\) MODSEQ \(\d+\)\)/m);
    const refused = await c.command("e5", `STORE 1:3 (UNCHANGEDSINCE ${highest}) +FLAGS (\\Seen)`);
    expect(refused).toMatch(/^e5 OK \[MODIFIED 2\]/m);
    expect(await c.command("e6", `SEARCH MODSEQ ${modseq}`)).toMatch(
      /^\* SEARCH 1 2 3 \(MODSEQ \d+\)/m,
    );
    c.close();
  });

  it("sets \\Seen on BODY[] but not BODY.PEEK[], serves partials and header fields, and is read-only under EXAMINE", async () => {
    const mailbox = await seedMailbox("seen@imap.test");
    for (let i = 1; i <= 3; i++)
      await deliverMessage({ mailboxId: mailbox.id, raw: sampleMessage(i) });
    const c = await session("seen@imap.test");
    await c.command("f0", "EXAMINE INBOX");
    await c.command("f1", "FETCH 1 (BODY[TEXT])");
    expect(await c.command("f2", "STORE 1 +FLAGS (\\Seen)")).toMatch(/^f2 NO/m);
    // EXAMINE shows \Recent without claiming it.
    expect(await c.command("f3", "FETCH 1 (FLAGS)")).toContain("FLAGS (\\Recent)");
    await c.command("f4", "SELECT INBOX");
    expect(await c.command("f5", "FETCH 1 (BODY.PEEK[HEADER.FIELDS (Subject)])")).toContain(
      "BODY[HEADER.FIELDS (SUBJECT)] {29}\r\nSubject: Message number 1\r\n\r\n",
    );
    expect(await c.command("f6", "FETCH 1 (FLAGS)")).toContain("FLAGS (\\Recent)");
    const partial = await c.command("f7", "FETCH 1 (BODY[]<6.6>)");
    expect(partial).toContain("BODY[]<6> {6}\r\nSender");
    expect(partial).toContain("\\Seen");
    expect(await c.command("f8", "FETCH 2 (RFC822.HEADER)")).toMatch(
      /RFC822.HEADER \{\d+\}\r\nFrom:/,
    );
    expect(await c.command("f9", "FETCH 2 (ENVELOPE)")).toContain('"Message number 2"');
    expect(await c.command("f10", "FETCH 2 (BODY[1])")).toContain("Body of message 2.");
    expect(await c.command("f11", "FETCH 2 (BODY[9])")).toContain("BODY[9] NIL");
    expect(await c.command("f12", "FETCH 9 (FLAGS)")).toMatch(/^f12 BAD/m);
    expect(await c.command("f13", "UID FETCH 9 (FLAGS)")).toMatch(/^f13 OK/m);
    expect(await c.command("f14", "SEARCH CHARSET KOI8-R ALL")).toMatch(/^f14 NO \[BADCHARSET/m);
    expect(await c.command("f15", "SEARCH SEEN")).toMatch(/^\* SEARCH 1 2\r\n/m);
    expect(await c.command("f16", 'SEARCH OR FROM sender3 SUBJECT "number 1"')).toMatch(
      /^\* SEARCH 1 3\r\n/m,
    );
    expect(await c.command("f17", "SEARCH SENTON 2-Nov-2026 LARGER 10 NOT UID 2")).toMatch(
      /^\* SEARCH 1 3\r\n/m,
    );
    c.close();
  });

  it("expunges by UID, closes silently and unselects", async () => {
    const mailbox = await seedMailbox("uidexp@imap.test");
    for (let i = 1; i <= 4; i++)
      await deliverMessage({ mailboxId: mailbox.id, raw: sampleMessage(i) });
    const c = await session("uidexp@imap.test");
    await c.command("x1", "SELECT INBOX");
    await c.command("x2", "STORE 1:4 +FLAGS.SILENT (\\Deleted)");
    const expunged = await c.command("x3", "UID EXPUNGE 2:3");
    expect(expunged.match(/^\* \d+ EXPUNGE/gm)).toEqual(["* 2 EXPUNGE", "* 2 EXPUNGE"]);
    expect(await c.command("x4", "UNSELECT")).toMatch(/^x4 OK/m);
    expect(await c.command("x5", "FETCH 1 (FLAGS)")).toMatch(/^x5 BAD/m);
    await c.command("x6", "SELECT INBOX");
    const closed = await c.command("x7", "CLOSE");
    expect(closed).not.toMatch(/EXPUNGE/);
    expect(await c.command("x8", "STATUS INBOX (MESSAGES)")).toContain("MESSAGES 0");
    c.close();
  });
});

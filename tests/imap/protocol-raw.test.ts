// Raw-socket tests of the command parser and state machine: literals ({n} and {n+}), sizes
// judged before the continuation, bad commands, wrong state, and the basic mail round-trip.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverMessage } from "@/lib/server/mail-store/deliver-message";
import { RawImapClient } from "./support/raw-client";
import {
  PASSWORD,
  sampleMessage,
  seedMailbox,
  startTestImapServer,
  type TestImapServer,
} from "./support/imap-server";

let server: TestImapServer;
let mailboxId: number;
const USER = "raw@imap.test";

beforeAll(async () => {
  server = await startTestImapServer({ appendLimit: 1000, maxBadCommands: 5, maxLineLength: 2000 });
  mailboxId = (await seedMailbox(USER)).id;
  for (let i = 1; i <= 3; i++) await deliverMessage({ mailboxId, raw: sampleMessage(i) });
});
afterAll(() => server.close());

async function loggedIn(): Promise<RawImapClient> {
  const c = await RawImapClient.connect(server.port);
  await c.until(/^\* OK .*\r\n/m);
  const answer = await c.command("a", `LOGIN ${USER} "${PASSWORD}"`);
  expect(answer).toMatch(/^a OK/m);
  return c;
}

describe("IMAP parser and state machine (raw socket)", () => {
  it("greets with capabilities and refuses commands in the wrong state", async () => {
    const c = await RawImapClient.connect(server.port);
    const greeting = await c.until(/^\* OK .*\r\n/m);
    expect(greeting).toContain("IMAP4rev1");
    expect(greeting).toContain("STARTTLS");
    // Loopback: plaintext login is allowed, so AUTH=PLAIN is offered.
    expect(greeting).toContain("AUTH=PLAIN");
    expect(await c.command("b1", "SELECT INBOX")).toMatch(/^b1 BAD/m);
    expect(await c.command("b2", "FETCH 1 FLAGS")).toMatch(/^b2 BAD/m);
    expect(await c.command("b3", "FOO")).toMatch(/^b3 BAD/m);
    expect(await c.command("b4", `LOGIN ${USER} "wrong password"`)).toMatch(
      /^b4 NO \[AUTHENTICATIONFAILED\]/m,
    );
    expect(await c.command("b5", "LOGOUT")).toMatch(/\* BYE[\s\S]*^b5 OK/m);
    await c.waitClosed();
  });

  it("accepts LOGIN with synchronizing and non-synchronizing literals", async () => {
    const c = await RawImapClient.connect(server.port);
    await c.until(/^\* OK .*\r\n/m);
    c.send(`s1 LOGIN {${USER.length}}\r\n`);
    await c.until(/^\+ .*\r\n/m);
    c.send(`${USER} {${PASSWORD.length}+}\r\n${PASSWORD}\r\n`);
    const done = await c.until(/^s1 (OK|NO|BAD).*\r\n/m);
    expect(done).toMatch(/^s1 OK/m);
    expect(done.match(/^\+ /gm)?.length ?? 0).toBe(0);
    c.close();
  });

  it("refuses a too-big APPEND literal before the continuation, and survives a {n+} one", async () => {
    const c = await loggedIn();
    c.send("t1 APPEND INBOX {5000}\r\n");
    const refusal = await c.until(/^t1 (OK|NO|BAD).*\r\n/m);
    expect(refusal).toMatch(/^t1 NO \[TOOBIG\]/m);
    expect(refusal).not.toMatch(/^\+ /m);
    c.send(`t2 APPEND INBOX {1200+}\r\n${"x".repeat(1200)}\r\n`);
    expect(await c.until(/^t2 (OK|NO|BAD).*\r\n/m)).toMatch(/^t2 NO \[TOOBIG\]/m);
    // The connection is still in step afterwards.
    expect(await c.command("t3", "NOOP")).toMatch(/^t3 OK/m);
    c.close();
  });

  it("answers an over-long line with BAD and ends the session after too many bad commands", async () => {
    const c = await loggedIn();
    c.send(`x1 NOOP ${"a".repeat(5000)}\r\n`);
    expect(await c.until(/^\* BAD .*\r\n/m)).toMatch(/too long/);
    expect(await c.command("x2", "NOOP")).toMatch(/^x2 OK/m);
    for (let i = 0; i < 4; i++) c.send(`y${i} BOGUS\r\n`);
    await c.until(/^\* BYE .*\r\n/m);
    await c.waitClosed();
  });

  it("round-trips APPEND, FETCH BODY[], STORE, SEARCH and EXPUNGE byte-exact", async () => {
    const c = await loggedIn();
    const body = Buffer.from("Subject: raw append\r\n\r\nline one\r\nline two\r\n");
    c.send(`p1 APPEND INBOX (\\Flagged) " 5-Nov-2026 10:11:12 +0100" {${body.length}}\r\n`);
    await c.until(/^\+ .*\r\n/m);
    c.send(Buffer.concat([body, Buffer.from("\r\n")]));
    const appended = await c.until(/^p1 (OK|NO|BAD).*\r\n/m);
    expect(appended).toMatch(/^p1 OK \[APPENDUID \d+ 4\]/m);
    const selected = await c.command("p2", "SELECT INBOX");
    expect(selected).toMatch(/^\* 4 EXISTS/m);
    expect(selected).toMatch(/^p2 OK \[READ-WRITE\]/m);
    const fetched = await c.command(
      "p3",
      "UID FETCH 4 (FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[])",
    );
    expect(fetched).toContain(`RFC822.SIZE ${body.length}`);
    expect(fetched).toContain('INTERNALDATE "05-Nov-2026 09:11:12 +0000"');
    expect(fetched).toContain(`BODY[] {${body.length}}\r\n${body.toString("latin1")}`);
    expect(fetched).toMatch(/FLAGS \(\\Flagged \\Recent\)/);
    expect(await c.command("p4", "SEARCH FLAGGED")).toMatch(/^\* SEARCH 4\r\n/m);
    expect(await c.command("p5", "SEARCH UNSEEN NOT FLAGGED")).toMatch(/^\* SEARCH 1 2 3\r\n/m);
    expect(await c.command("p6", "STORE 2 +FLAGS (\\Deleted)")).toMatch(
      /^\* 2 FETCH \(FLAGS \(\\Deleted \\Recent\)\)/m,
    );
    const expunged = await c.command("p7", "EXPUNGE");
    expect(expunged).toMatch(/^\* 2 EXPUNGE\r\n/m);
    expect(await c.command("p8", "UID SEARCH ALL")).toMatch(/^\* SEARCH 1 3 4\r\n/m);
    expect(await c.command("p9", "FETCH 2:3 (UID)")).toMatch(
      /\* 2 FETCH \(UID 3\)[\s\S]*\* 3 FETCH \(UID 4\)/,
    );
    c.close();
  });

  it("keeps seq numbers per session and shows other sessions' changes at command boundaries", async () => {
    const a = await loggedIn();
    const b = await loggedIn();
    await a.command("a1", "SELECT INBOX");
    await b.command("b1", "SELECT INBOX");
    await deliverMessage({ mailboxId, raw: sampleMessage(10) });
    expect(await a.command("a2", "NOOP")).toMatch(/^\* \d+ EXISTS/m);
    await b.command("b2", "UID STORE 1 +FLAGS (\\Answered)");
    expect(await a.command("a3", "NOOP")).toMatch(/^\* 1 FETCH \(UID 1 FLAGS \(\\Answered\)\)/m);
    await b.command("b3", "STORE 1 +FLAGS.SILENT (\\Deleted)");
    await b.command("b4", "EXPUNGE");
    // FETCH must not report the expunge; NOOP then does.
    const during = await a.command("a4", "FETCH 1 (FLAGS)");
    expect(during).not.toMatch(/EXPUNGE/);
    expect(await a.command("a5", "NOOP")).toMatch(/^\* 1 EXPUNGE/m);
    a.close();
    b.close();
  });
});

// Python's poplib against our POP3 server: plain on loopback, STLS and POP3S.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { fromBase64, poplib, seedMailbox, startPop3, type Pop3Server } from "./support";

const PASSWORD = "Pop Three Secret 1";
const messages = [
  Buffer.from("From: a@example.org\r\nSubject: one\r\n\r\nFirst message.\r\n"),
  // Lines that start with a dot must survive dot-stuffing, and a lone "." line too.
  Buffer.from(
    "From: b@example.org\r\nSubject: two\r\n\r\n.leading dot\r\n..two dots\r\n.\r\nend\r\n",
  ),
  Buffer.from(
    `From: c@example.org\r\nSubject: three\r\nX-Long: ${"h".repeat(900)}\r\n\r\n` +
      Array.from({ length: 50 }, (_, i) => `body line ${i + 1}`).join("\r\n") +
      "\r\n",
  ),
  // Not ending in CRLF: the server must still end the answer cleanly.
  Buffer.from("Subject: four\r\n\r\nno final newline"),
];

let server: Pop3Server;
beforeAll(async () => {
  server = await startPop3();
  await seedMailbox("reader@poplib.test", PASSWORD, messages);
  await seedMailbox("deleter@poplib.test", PASSWORD, messages.slice(0, 3));
});
afterAll(() => server.close());

const session = (steps: Array<[string, ...(number | string)[]]>, extra = {}) =>
  poplib({
    port: server.plainPort,
    mode: "plain",
    user: "reader@poplib.test",
    password: PASSWORD,
    steps,
    ...extra,
  });

describe("POP3 with Python poplib", () => {
  it("reports STAT, LIST and UIDL that agree with the stored octets", async () => {
    const out = await session([["stat"], ["list"], ["uidl"], ["quit"]]);
    expect(out.welcome).toMatch(/^\+OK/);
    expect(out.pass).toMatch(/^\+OK/);
    const total = messages.reduce((n, m) => n + m.length, 0);
    expect(out.steps[0].stat).toEqual([4, total]);
    expect(out.steps[1].lines).toEqual(messages.map((m, i) => `${i + 1} ${m.length}`));
    const uidls = out.steps[2].lines.map((l: string) => l.split(" ")[1]);
    expect(new Set(uidls).size).toBe(4);
    for (const u of uidls) expect(u).toMatch(/^[\x21-\x7e]{1,70}$/);
    // The same ids in the next session (RFC 1939: unique-ids persist).
    const again = await session([["uidl"], ["quit"]]);
    expect(again.steps[0].lines.map((l: string) => l.split(" ")[1])).toEqual(uidls);
  });

  it("RETR gives back every message byte for byte, and the octets LIST promised", async () => {
    const out = await session([["retr", 1], ["retr", 2], ["retr", 3], ["retr", 4], ["quit"]]);
    for (const i of [0, 1, 2]) {
      expect(fromBase64(out.steps[i].raw).equals(messages[i])).toBe(true);
      expect(out.steps[i].octets).toBe(messages[i].length);
      expect(out.steps[i].resp).toBe(`+OK ${messages[i].length} octets`);
    }
    // poplib adds a CRLF after the last line; the server added it only to end the answer.
    expect(fromBase64(out.steps[3].raw).toString()).toBe(messages[3].toString() + "\r\n");
  });

  it("sends the same bytes when messages are read from the database in 7-octet slices", async () => {
    const sliced = await startPop3({ messageSliceBytes: 7, writeChunkBytes: 5 });
    try {
      const out = await session([["retr", 2], ["retr", 3], ["retr", 4], ["top", 3, 2], ["quit"]], {
        port: sliced.plainPort,
      });
      expect(fromBase64(out.steps[0].raw).equals(messages[1])).toBe(true);
      expect(fromBase64(out.steps[1].raw).equals(messages[2])).toBe(true);
      expect(fromBase64(out.steps[2].raw).toString()).toBe(messages[3].toString() + "\r\n");
      const header = messages[2].toString().split("\r\n\r\n")[0];
      expect(fromBase64(out.steps[3].raw).toString()).toBe(
        `${header}\r\n\r\nbody line 1\r\nbody line 2\r\n`,
      );
    } finally {
      await sliced.close();
    }
  });

  it("TOP gives the header, the blank line and n body lines", async () => {
    const out = await session([["top", 3, 0], ["top", 3, 2], ["top", 2, 3], ["quit"]]);
    const header = messages[2].toString().split("\r\n\r\n")[0];
    expect(fromBase64(out.steps[0].raw).toString()).toBe(`${header}\r\n\r\n`);
    expect(fromBase64(out.steps[1].raw).toString()).toBe(
      `${header}\r\n\r\nbody line 1\r\nbody line 2\r\n`,
    );
    expect(fromBase64(out.steps[2].raw).toString()).toBe(
      "From: b@example.org\r\nSubject: two\r\n\r\n.leading dot\r\n..two dots\r\n.\r\n",
    );
  });

  it("DELE then QUIT removes the messages and gives their octets back to the quota", async () => {
    const mailbox = await db().mailbox.findUniqueOrThrow({
      where: { address: "deleter@poplib.test" },
    });
    const before = mailbox.usedBytes;
    const out = await poplib({
      port: server.plainPort,
      mode: "plain",
      user: "deleter@poplib.test",
      password: PASSWORD,
      steps: [["dele", 1], ["dele", 3], ["stat"], ["dele", 1], ["retr", 1], ["quit"]],
    });
    expect(out.steps[0].resp).toMatch(/^\+OK/);
    expect(out.steps[2].stat).toEqual([1, messages[1].length]);
    expect(out.steps[3].error).toMatch(/^-ERR .*already deleted/);
    expect(out.steps[4].error).toMatch(/^-ERR/);
    expect(out.steps[5].resp).toMatch(/^\+OK/);
    const after = await db().mailbox.findUniqueOrThrow({ where: { id: mailbox.id } });
    expect(after.usedBytes).toBe(before - BigInt(messages[0].length + messages[2].length));
    expect(await db().message.count({ where: { mailboxId: mailbox.id } })).toBe(1);

    const next = await poplib({
      port: server.plainPort,
      mode: "plain",
      user: "deleter@poplib.test",
      password: PASSWORD,
      steps: [["stat"], ["retr", 1], ["quit"]],
    });
    expect(next.steps[0].stat).toEqual([1, messages[1].length]);
    expect(fromBase64(next.steps[1].raw).equals(messages[1])).toBe(true);
  });

  it("RSET undoes DELE, and a session that ends without QUIT deletes nothing", async () => {
    const out = await session([["dele", 1], ["dele", 2], ["rset"], ["stat"], ["dele", 4]]);
    expect(out.steps[2].resp).toMatch(/^\+OK/);
    expect(out.steps[3].stat[0]).toBe(4);
    // No QUIT: the script exits and the connection drops with message 4 marked. The server
    // frees the maildrop when it sees the connection close, which may be a moment later.
    let next = await session([["stat"], ["quit"]]);
    for (let tries = 0; next.fatal?.includes("[IN-USE]") && tries < 20; tries++) {
      await new Promise((r) => setTimeout(r, 100));
      next = await session([["stat"], ["quit"]]);
    }
    expect(next.steps[0].stat[0]).toBe(4);
  });

  it("logs in after STLS and on the implicit-TLS port, with the self-signed certificate", async () => {
    const overStls = await session([["stat"], ["retr", 2], ["quit"]], { mode: "stls" });
    expect(overStls.stls).toMatch(/^\+OK/);
    expect(overStls.steps[0].stat[0]).toBe(4);
    expect(fromBase64(overStls.steps[1].raw).equals(messages[1])).toBe(true);

    const overTls = await session([["capa"], ["stat"], ["retr", 1], ["quit"]], {
      mode: "ssl",
      port: server.tlsPort,
    });
    expect(overTls.welcome).toMatch(/^\+OK/);
    expect(Object.keys(overTls.steps[0].capa)).not.toContain("STLS");
    expect(overTls.steps[1].stat[0]).toBe(4);
    expect(fromBase64(overTls.steps[2].raw).equals(messages[0])).toBe(true);
  });

  it("advertises the RFC 2449 capabilities", async () => {
    const out = await session([["capa"], ["quit"]], { login: "none" });
    const capa = out.steps[0].capa;
    for (const name of [
      "TOP",
      "UIDL",
      "USER",
      "RESP-CODES",
      "AUTH-RESP-CODE",
      "PIPELINING",
      "STLS",
      "EXPIRE",
      "LOGIN-DELAY",
      "IMPLEMENTATION",
    ])
      expect(capa).toHaveProperty(name);
    expect(capa.SASL).toEqual(["PLAIN"]);
    expect(capa.EXPIRE).toEqual(["NEVER"]);
    expect(capa["LOGIN-DELAY"]).toEqual(["0"]);
  });

  it("refuses a wrong password with [AUTH] and never logs the password", async () => {
    const out = await session([["stat"]], { password: "Wrong Password 9" });
    expect(out.fatal).toMatch(/^-ERR \[AUTH\]/);
    expect(server.logs.join("\n")).not.toContain("Wrong Password 9");
    expect(server.logs.join("\n")).not.toContain(PASSWORD);
  });
});

// Our SMTP protocol layer (mailserver/smtp/session.ts, input-parser.ts, commands/) at the edges:
// message text split across packets, dot-stuffing, an oversize message after which the
// connection keeps working, pipelining (swaks --pipeline and raw), over-long lines, commands in
// the wrong state, and plaintext pipelined behind STARTTLS (it must be thrown away).
import net from "node:net";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inboxOf, run, seedMailbox, startSmtp, type SmtpHarness } from "./support/harness";
import { replyOf, smtplibSession } from "./support/smtplib";
import { wireSession } from "./support/wire";

const PASSWORD = "Correct Horse 4711";
const ADDRESS = "edge@protocol.test";
let smtp: SmtpHarness;

beforeAll(async () => {
  smtp = await startSmtp({ env: { MAX_MESSAGE_SIZE: "16KB" } });
  await seedMailbox(ADDRESS, PASSWORD);
});
afterAll(async () => smtp.close());

/** A raw connection: write bytes as they are, read everything the server says. */
async function rawConnection(port: number) {
  const socket = net.connect(port, "127.0.0.1");
  socket.setNoDelay(true);
  let received = "";
  let closed = false;
  socket.on("data", (d: Buffer) => (received += d.toString("latin1")));
  socket.on("error", () => {});
  socket.on("close", () => (closed = true));
  await new Promise((r) => socket.once("connect", r));
  const replyCount = () => (received.match(/^\d{3} /gm) ?? []).length;
  return {
    socket,
    write: (text: string) =>
      new Promise<void>((resolve) => socket.write(text, "latin1", () => resolve())),
    /** Waits until the server has sent n complete replies (last lines "NNN "). */
    async replies(n: number): Promise<string[]> {
      const deadline = Date.now() + 10_000;
      while (replyCount() < n && !closed && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 5));
      return (received.match(/^\d{3} [^\r\n]*/gm) ?? []).slice(0, n);
    },
    get text() {
      return received;
    },
    get closed() {
      return closed;
    },
  };
}

const pause = () => new Promise((r) => setTimeout(r, 30));
const lastStored = async () => Buffer.from((await inboxOf(ADDRESS)).at(-1)!.raw).toString("latin1");
const bodyOf = (stored: string) => stored.slice(stored.indexOf("\r\nSubject:") + 2);

describe("SMTP protocol layer", () => {
  it("finds CRLF.CRLF split across packets at every position, and stores the text byte-exact", async () => {
    const text = "Subject: split\r\n\r\nline one\r\nline two\r\n";
    const ending = "\r\n.\r\n";
    for (let at = 1; at < ending.length; at++) {
      const c = await rawConnection(smtp.smtp);
      await c.write("EHLO split.example\r\nMAIL FROM:<s@remote.example>\r\n");
      await c.write(`RCPT TO:<${ADDRESS}>\r\nDATA\r\n`);
      expect(await c.replies(5)).toEqual([
        expect.stringMatching(/^220 /),
        expect.stringMatching(/^250 /),
        expect.stringMatching(/^250 2\.1\.0/),
        expect.stringMatching(/^250 2\.1\.5/),
        expect.stringMatching(/^354 /),
      ]);
      await c.write(text.slice(0, -2) + ending.slice(0, at));
      await pause();
      expect(c.text).not.toMatch(/^250 2\.6\.0/m);
      await c.write(ending.slice(at));
      expect((await c.replies(6))[5]).toMatch(/^250 2\.6\.0 /);
      c.socket.destroy();
      expect(bodyOf(await lastStored())).toBe(text);
    }
  });

  it("removes the stuffed dot (smtplib stuffs, raw client too), and keeps a lone dot line's text", async () => {
    const raw = "Subject: dots\r\n\r\n.one\r\n..two\r\n.\tthree\r\nend.\r\n";
    const result = await smtplibSession({
      port: smtp.smtp,
      mail_from: "s@remote.example",
      rcpt: [ADDRESS],
      data: Buffer.from(raw),
    });
    expect(replyOf(result, "data")[0].code).toBe(250);
    expect(bodyOf(await lastStored())).toBe(raw);

    const replies = await wireSession(smtp.smtp, [
      "HELO raw.example\r\n",
      "MAIL FROM:<s@remote.example>\r\n",
      `RCPT TO:<${ADDRESS}>\r\n`,
      "DATA\r\n",
      "Subject: raw dots\r\n\r\n...\r\n..x\r\n.\r\n",
    ]);
    expect(replies.at(-1)).toMatch(/^250 /);
    expect(bodyOf(await lastStored())).toBe("Subject: raw dots\r\n\r\n..\r\n.x\r\n");
  });

  it("answers 552 after the final dot of an oversize message and then takes the next one on the same connection", async () => {
    const before = (await inboxOf(ADDRESS)).length;
    const c = await rawConnection(smtp.smtp);
    await c.write(`EHLO big.example\r\nMAIL FROM:<s@remote.example>\r\nRCPT TO:<${ADDRESS}>\r\n`);
    await c.write("DATA\r\n");
    await c.replies(5);
    for (let i = 0; i < 40; i++) await c.write(`${"b".repeat(998)}\r\n`); // 40 KB > 16 KB
    await c.write(".\r\n");
    expect((await c.replies(6))[5]).toMatch(/^552 5\.3\.4 /);
    await c.write(`MAIL FROM:<s@remote.example>\r\nRCPT TO:<${ADDRESS}>\r\nDATA\r\n`);
    await c.write("Subject: after the big one\r\n\r\nsmall\r\n.\r\nQUIT\r\n");
    const replies = await c.replies(11);
    expect(replies.slice(6)).toEqual([
      expect.stringMatching(/^250 2\.1\.0/),
      expect.stringMatching(/^250 2\.1\.5/),
      expect.stringMatching(/^354 /),
      expect.stringMatching(/^250 2\.6\.0/),
      expect.stringMatching(/^221 /),
    ]);
    const stored = await inboxOf(ADDRESS);
    expect(stored).toHaveLength(before + 1);
    expect(bodyOf(await lastStored())).toBe("Subject: after the big one\r\n\r\nsmall\r\n");
  });

  it("answers a whole pipelined transaction in order, written in one go (raw, bare LF too)", async () => {
    const c = await rawConnection(smtp.smtp);
    await c.replies(1);
    await c.write(
      "EHLO pipe.example\r\nMAIL FROM:<s@remote.example>\r\n" +
        `RCPT TO:<nobody@protocol.test>\nRCPT TO:<${ADDRESS}>\r\nDATA\r\n` +
        "Subject: pipelined\r\n\r\nbody\r\n.\r\nNOOP\r\nQUIT\r\n",
    );
    const replies = await c.replies(9);
    expect(replies.map((r) => r.slice(0, 3))).toEqual([
      "220",
      "250",
      "250",
      "550",
      "250",
      "354",
      "250",
      "250",
      "221",
    ]);
    expect(c.text).toContain("250-PIPELINING\r\n");
    expect(bodyOf(await lastStored())).toBe("Subject: pipelined\r\n\r\nbody\r\n");
  });

  it("delivers what swaks sends with --pipeline", async () => {
    const result = await run("swaks", [
      "--server",
      `127.0.0.1:${smtp.smtp}`,
      "--pipeline",
      "--from",
      "s@remote.example",
      "--to",
      ADDRESS,
      "--header",
      "Subject: swaks pipeline",
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/<- {2}250 2\.6\.0 /);
    expect(await lastStored()).toContain("Subject: swaks pipeline");
  });

  it("answers an over-long line 500 5.5.2 and keeps the session", async () => {
    const c = await rawConnection(smtp.smtp);
    await c.write(`EHLO long.example\r\nNOOP ${"n".repeat(20_000)}\r\n`);
    await c.write("NOOP\r\n");
    const replies = await c.replies(4);
    expect(replies[2]).toMatch(/^500 5\.5\.2 .*too long/);
    expect(replies[3]).toMatch(/^250 2\.0\.0 /);
    c.socket.destroy();
  });

  it("answers commands in the wrong state 503 and keeps the session usable", async () => {
    const inbound = await wireSession(smtp.smtp, [
      "MAIL FROM:<s@remote.example>\r\n", // before EHLO
      "EHLO state.example\r\n",
      "AUTH PLAIN\r\n", // not on the inbound port
      "DATA\r\n",
      "MAIL FROM:<s@remote.example>\r\n",
      "MAIL FROM:<s@remote.example>\r\n", // nested
      "DATA\r\n", // no recipient yet
      `RCPT TO:<${ADDRESS}>\r\n`,
      "RSET\r\n",
      "RCPT TO:<a@protocol.test>\r\n", // transaction gone
      "QUIT\r\n",
    ]);
    expect(inbound.map((r) => r.slice(0, 9))).toEqual([
      expect.stringMatching(/^220 /),
      "503 5.5.1",
      expect.stringMatching(/^250/),
      "502 5.5.1",
      "503 5.5.1",
      "250 2.1.0",
      "503 5.5.1",
      "503 5.5.1",
      "250 2.1.5",
      "250 2.0.0",
      "503 5.5.1",
      "221 2.0.0",
    ]);

    const submission = await wireSession(smtp.submission, [
      "EHLO state.example\r\n",
      `AUTH PLAIN ${Buffer.from(`\0${ADDRESS}\0${PASSWORD}`).toString("base64")}\r\n`,
      `MAIL FROM:<${ADDRESS}>\r\n`,
      "AUTH LOGIN\r\n", // during a transaction
      "RSET\r\n",
      "AUTH LOGIN\r\n", // already signed in
      "QUIT\r\n",
    ]);
    expect(submission.slice(1).map((r) => r.slice(0, 9))).toEqual([
      expect.stringMatching(/^250/),
      "235 2.7.0",
      "250 2.1.0",
      "503 5.5.1",
      "250 2.0.0",
      "503 5.5.1",
      "221 2.0.0",
    ]);
  });

  it("answers malformed AUTH exchanges with 501 and still lets the client sign in", async () => {
    const replies = await wireSession(smtp.submission, [
      "EHLO auth.example\r\n",
      "AUTH PLAIN not*base64\r\n",
      "AUTH LOGIN\r\n",
      "*\r\n", // the client gives up
      "AUTH PLAIN\r\n",
      `${Buffer.from("only-one-part").toString("base64")}\r\n`,
      "AUTH CRAM-MD5\r\n",
      "AUTH LOGIN\r\n",
      `${Buffer.from(ADDRESS).toString("base64")}\r\n`,
      `${Buffer.from(PASSWORD).toString("base64")}\r\n`,
    ]);
    expect(replies.slice(2).map((r) => r.slice(0, 3))).toEqual([
      "501",
      "334",
      "501",
      "334",
      "501",
      "504",
      "334",
      "334",
      "235",
    ]);
    expect(smtp.logs.filter((l) => l.includes(PASSWORD))).toEqual([]);
  });

  it("throws away plaintext pipelined behind STARTTLS (no command injection into the TLS session)", async () => {
    const c = await rawConnection(smtp.smtp);
    await c.replies(1);
    await c.write("EHLO tls.example\r\nSTARTTLS\r\nMAIL FROM:<injected@remote.example>\r\n");
    expect((await c.replies(3))[2]).toMatch(/^220 /);
    c.socket.removeAllListeners("data");
    const secure = tls.connect({ socket: c.socket, rejectUnauthorized: false });
    await new Promise((r) => secure.once("secureConnect", r));
    let text = "";
    secure.on("data", (d: Buffer) => (text += d.toString()));
    secure.write(`RCPT TO:<${ADDRESS}>\r\nEHLO again.example\r\nQUIT\r\n`);
    await new Promise((r) => secure.once("close", r));
    // No sender from before TLS: RCPT needs a greeting and a MAIL given over TLS.
    expect(text.match(/^\d{3} /gm)).toEqual(["503 ", "250 ", "221 "]);
    expect(text).not.toContain("STARTTLS");
  });
});

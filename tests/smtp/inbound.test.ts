import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { setMailboxSuspended } from "@/lib/server/mailbox/set-mailbox-suspended";
import { actor, inboxOf, run, seedMailbox, startSmtp, type SmtpHarness } from "./support/harness";
import { replyOf, smtplibSession } from "./support/smtplib";
import { wireSession } from "./support/wire";

const message = (subject: string, body = "Hello.\r\n") =>
  Buffer.from(
    `From: Sender <sender@remote.example>\r\nTo: ann@inbound.test\r\nSubject: ${subject}\r\n` +
      `Message-ID: <${subject.replace(/\W/g, "")}@remote.example>\r\n\r\n${body}`,
  );

const PASSWORD = "Correct Horse 4711";
let smtp: SmtpHarness;
beforeAll(async () => {
  smtp = await startSmtp({ env: { MAX_MESSAGE_SIZE: "64KB" } });
  await seedMailbox("ann@inbound.test", PASSWORD);
  await seedMailbox("bob@inbound.test", PASSWORD);
  await seedMailbox("full@inbound.test", PASSWORD, 1000);
  const gone = await seedMailbox("gone@inbound.test", PASSWORD);
  await setMailboxSuspended({ mailboxId: gone.id, suspended: true, actor });
});
afterAll(async () => smtp.close());

describe("inbound SMTP (SMTP_PORT)", () => {
  it("delivers byte-exact into the INBOX with a Received header, and answers 250 (smtplib)", async () => {
    const raw = message("byte exact", "Line one\r\n.leading dot\r\n\r\nTrailing spaces   \r\n");
    const result = await smtplibSession({
      port: smtp.smtp,
      ehlo: "client.remote.example",
      mail_from: "sender@remote.example",
      rcpt: ["Ann@Inbound.Test"],
      data: raw,
    });
    expect(replyOf(result, "data")[0]).toMatchObject({ code: 250 });
    expect(result.features).toContain("starttls");
    expect(result.features).not.toContain("auth");
    // DSN is not offered: NOTIFY would not be honoured.
    expect(result.features).not.toContain("dsn");
    const [stored] = await inboxOf("ann@inbound.test");
    const text = Buffer.from(stored.raw).toString();
    const headerEnd = text.indexOf("\r\nFrom: Sender");
    const received = text.slice(0, headerEnd + 2);
    expect(received).toMatch(
      /^Received: from client\.remote\.example \(\[127\.0\.0\.1\]\)\r\n\tby mx\.octeportal\.test \(Octeportal\) with ESMTP id \S+\r\n\tfor <ann@inbound\.test>; \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0000\r\n$/,
    );
    expect(Buffer.from(stored.raw).subarray(Buffer.byteLength(received))).toEqual(raw);
    expect(stored.size).toBe(stored.raw.length);
  });

  it("offers STARTTLS on the inbound port and records the TLS session in Received", async () => {
    const result = await smtplibSession({
      port: smtp.smtp,
      starttls: true,
      mail_from: "sender@remote.example",
      rcpt: ["bob@inbound.test"],
      data: message("over tls"),
    });
    expect(replyOf(result, "starttls")[0].code).toBe(220);
    expect(replyOf(result, "data")[0].code).toBe(250);
    const [stored] = await inboxOf("bob@inbound.test");
    expect(Buffer.from(stored.raw).toString()).toMatch(
      /with ESMTPS id \S+\r\n\t\(version=TLSv1\.[23] cipher=[A-Z0-9_-]+\)\r\n\tfor <bob@inbound\.test>/,
    );
  });

  it("refuses unknown users, suspended mailboxes and relaying, each with its own code", async () => {
    const result = await smtplibSession({
      port: smtp.smtp,
      mail_from: "sender@remote.example",
      rcpt: ["nobody@inbound.test", "gone@inbound.test", "someone@elsewhere.example"],
    });
    const [unknown, suspended, relay] = replyOf(result, "rcpt");
    expect(unknown.code).toBe(550);
    expect(unknown.text).toMatch(/^5\.1\.1 /);
    expect(suspended.code).toBe(550);
    expect(suspended.text).toMatch(/^5\.2\.1 /);
    expect(relay.code).toBe(550);
    expect(relay.text).toMatch(/^5\.7\.1 Relay access denied/);
  });

  it("advertises SIZE and refuses a too large message early (MAIL FROM SIZE=) and while streaming", async () => {
    const early = await smtplibSession({
      port: smtp.smtp,
      mail_from: "sender@remote.example",
      mail_options: [`SIZE=${64 * 1024 + 1}`],
      rcpt: ["ann@inbound.test"],
    });
    expect(early.size_feature).toBe(String(64 * 1024));
    expect(replyOf(early, "mail")[0].code).toBe(552);
    expect(replyOf(early, "mail")[0].text).toMatch(/^5\.3\.4 /);

    const before = (await inboxOf("ann@inbound.test")).length;
    const big =
      message("too big", "x".repeat(998) + "\r\n".repeat(1)).toString() +
      ("y".repeat(100) + "\r\n").repeat(700);
    const streamed = await smtplibSession({
      port: smtp.smtp,
      mail_from: "sender@remote.example",
      rcpt: ["ann@inbound.test"],
      data: Buffer.from(big),
    });
    expect(replyOf(streamed, "data")[0].code).toBe(552);
    expect(replyOf(streamed, "data")[0].text).toMatch(/^5\.3\.4 /);
    expect(await inboxOf("ann@inbound.test")).toHaveLength(before);
  });

  it("answers 452 4.2.2 for a full mailbox, and delivers to nobody when one recipient is full", async () => {
    const declared = await smtplibSession({
      port: smtp.smtp,
      mail_from: "sender@remote.example",
      mail_options: ["SIZE=2000"],
      rcpt: ["full@inbound.test"],
    });
    expect(replyOf(declared, "rcpt")[0]).toMatchObject({ code: 452 });
    expect(replyOf(declared, "rcpt")[0].text).toMatch(/^4\.2\.2 /);

    const annBefore = (await inboxOf("ann@inbound.test")).length;
    const both = await smtplibSession({
      port: smtp.smtp,
      mail_from: "sender@remote.example",
      rcpt: ["ann@inbound.test", "full@inbound.test"],
      data: message("quota", "z".repeat(2000) + "\r\n"),
    });
    expect(replyOf(both, "rcpt").map((r) => r.code)).toEqual([250, 250]);
    expect(replyOf(both, "data")[0].code).toBe(452);
    expect(replyOf(both, "data")[0].text).toMatch(/^4\.2\.2 /);
    expect(await inboxOf("ann@inbound.test")).toHaveLength(annBefore);
    expect(await inboxOf("full@inbound.test")).toHaveLength(0);
    const full = await db().mailbox.findUniqueOrThrow({ where: { address: "full@inbound.test" } });
    expect(full.usedBytes).toBe(0n);
  });

  it("accepts at most 100 recipients per message (452 4.5.3)", async () => {
    // RCPT only looks the mailboxes up, so plain rows are enough for a hundred recipients.
    const domain = await db().domain.findUniqueOrThrow({ where: { name: "inbound.test" } });
    const many = Array.from({ length: 101 }, (_, i) => `r${i}@inbound.test`);
    await db().mailbox.createMany({
      data: many.map((address) => ({
        address,
        localPart: address.split("@")[0],
        domainId: domain.id,
        passwordHash: "unused",
      })),
    });
    const result = await smtplibSession({
      port: smtp.smtp,
      mail_from: "sender@remote.example",
      rcpt: many,
    });
    const codes = replyOf(result, "rcpt").map((r) => r.code);
    expect(codes.slice(0, 100).every((c) => c === 250)).toBe(true);
    expect(replyOf(result, "rcpt")[100]).toMatchObject({ code: 452 });
    expect(replyOf(result, "rcpt")[100].text).toMatch(/^4\.5\.3 /);
  });

  it("delivers what swaks sends over STARTTLS", async () => {
    const before = (await inboxOf("bob@inbound.test")).length;
    const result = await run("swaks", [
      "--server",
      `127.0.0.1:${smtp.smtp}`,
      "--tls",
      "--from",
      "sender@remote.example",
      "--to",
      "bob@inbound.test",
      "--header",
      "Subject: via swaks",
      "--body",
      "swaks body",
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/<~ {2}250 2\.6\.0 /);
    const stored = await inboxOf("bob@inbound.test");
    expect(stored).toHaveLength(before + 1);
    expect(Buffer.from(stored.at(-1)!.raw).toString()).toMatch(
      /with ESMTPS[\s\S]*Subject: via swaks[\s\S]*swaks body/,
    );
  });
});

describe("inbound SMTP protocol errors", () => {
  it("answers malformed commands with 5xx and keeps the session usable", async () => {
    const replies = await wireSession(smtp.smtp, [
      "EHLO client.example\r\n",
      "RCPT TO:<ann@inbound.test>\r\n",
      "MAIL FROM:<not an address\r\n",
      "MAIL FROM:<sender@remote.example> SIZE=abc\r\n",
      "FROB\r\n",
      "DATA\r\n",
      "MAIL FROM:<sender@remote.example>\r\n",
      "RCPT TO:<ann@inbound.test>\r\n",
      "QUIT\r\n",
    ]);
    const codes = replies.map((r) => r.slice(-200).match(/(\d{3}) [^\r\n]*\r\n$/)![1]);
    expect(codes).toEqual(["220", "250", "503", "501", "501", "500", "503", "250", "250", "221"]);
  });

  it("never lets a HELO name inject header lines into Received", async () => {
    const before = (await inboxOf("bob@inbound.test")).length;
    const replies = await wireSession(smtp.smtp, [
      "EHLO evil.example\rX-Injected: yes\r\n",
      "EHLO good.example\r\n",
      "MAIL FROM:<sender@remote.example>\r\n",
      "RCPT TO:<bob@inbound.test>\r\n",
      "DATA\r\n",
      "Subject: injection\r\n\r\nbody\r\n.\r\n",
    ]);
    expect(replies[1]).toMatch(/^501 /);
    expect(replies.at(-1)).toMatch(/^250 /);
    const stored = await inboxOf("bob@inbound.test");
    expect(stored).toHaveLength(before + 1);
    const text = Buffer.from(stored.at(-1)!.raw).toString();
    expect(text).toMatch(/^Received: from good\.example /);
    expect(text).not.toContain("X-Injected");
  });
});

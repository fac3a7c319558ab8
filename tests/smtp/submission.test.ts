import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { setMailboxPassword } from "@/lib/server/mailbox/set-mailbox-password";
import { setMailboxSuspended } from "@/lib/server/mailbox/set-mailbox-suspended";
import { silentLogger } from "@/mailserver/logging/mail-logger";
import { authenticateSmtpSession } from "@/mailserver/smtp/auth-handler";
import { actor, inboxOf, run, seedMailbox, startSmtp, type SmtpHarness } from "./support/harness";
import { replyOf, smtplibSession } from "./support/smtplib";

const PASSWORD = "Correct Horse 4711";
const message = (subject: string) =>
  Buffer.from(
    `From: <sue@submit.test>\r\nTo: <tim@submit.test>\r\nSubject: ${subject}\r\n\r\nHi Tim.\r\n`,
  );

let smtp: SmtpHarness;
let sueId: number;
beforeAll(async () => {
  smtp = await startSmtp();
  sueId = (await seedMailbox("sue@submit.test", PASSWORD)).id;
  await seedMailbox("tim@submit.test", PASSWORD);
  await seedMailbox("pat@submit.test", PASSWORD);
});
afterAll(async () => smtp.close());

const transport = (port: number, secure: boolean, pass = PASSWORD, user = "sue@submit.test") =>
  nodemailer.createTransport({
    host: "127.0.0.1",
    port,
    secure,
    requireTLS: !secure,
    auth: { user, pass },
    tls: { rejectUnauthorized: false },
  });

describe("submission (SUBMISSION_PORT with STARTTLS, SMTPS_PORT with implicit TLS)", () => {
  it("delivers a local recipient into the INBOX after AUTH over STARTTLS (nodemailer), no Sent copy", async () => {
    const info = await transport(smtp.submission, false).sendMail({
      envelope: { from: "sue@submit.test", to: ["tim@submit.test"] },
      raw: message("via nodemailer"),
    });
    expect(info.accepted).toEqual(["tim@submit.test"]);
    expect(info.response).toMatch(/^250 2\.6\.0 /);
    const [stored] = await inboxOf("tim@submit.test");
    const text = Buffer.from(stored.raw).toString();
    expect(text).toMatch(/with ESMTPSA id \S+\r\n\t\(version=TLSv1\.[23] /);
    expect(text.endsWith(message("via nodemailer").toString())).toBe(true);
    expect(await db().message.count({ where: { mailboxId: sueId } })).toBe(0);
  });

  it("delivers over implicit TLS with smtplib (AUTH PLAIN) and with swaks (AUTH LOGIN)", async () => {
    const viaSmtplib = await smtplibSession({
      port: smtp.smtps,
      ssl: true,
      login: ["SUE@Submit.Test", PASSWORD],
      mail_from: "sue@submit.test",
      rcpt: ["pat@submit.test"],
      data: message("smtplib smtps"),
    });
    expect(viaSmtplib.auth_features).toBe("PLAIN LOGIN");
    expect(replyOf(viaSmtplib, "auth")[0]).toMatchObject({ code: 235 });
    expect(replyOf(viaSmtplib, "data")[0]).toMatchObject({ code: 250 });

    const viaSwaks = await run("swaks", [
      "--server",
      `127.0.0.1:${smtp.smtps}`,
      "--tls-on-connect",
      "--auth",
      "LOGIN",
      "--auth-user",
      "sue@submit.test",
      "--auth-password",
      PASSWORD,
      "--from",
      "sue@submit.test",
      "--to",
      "pat@submit.test",
      "--header",
      "Subject: swaks smtps",
    ]);
    expect(viaSwaks.stdout).toMatch(/<~ {2}235 /);
    expect(viaSwaks.code).toBe(0);
    const subjects = (await inboxOf("pat@submit.test")).map(
      (m) => /Subject: (.*)\r\n/.exec(Buffer.from(m.raw).toString())![1],
    );
    expect(subjects).toEqual(["smtplib smtps", "swaks smtps"]);
  });

  it("requires AUTH before MAIL (530 5.7.0)", async () => {
    const result = await smtplibSession({
      port: smtp.submission,
      starttls: true,
      mail_from: "sue@submit.test",
      rcpt: ["tim@submit.test"],
    });
    expect(replyOf(result, "mail")[0].code).toBe(530);
    expect(replyOf(result, "mail")[0].text).toMatch(/^5\.7\.0 /);
  });

  it("refuses wrong credentials with 535 5.7.8", async () => {
    const result = await smtplibSession({
      port: smtp.submission,
      starttls: true,
      login: ["sue@submit.test", "correct horse 4711"],
      mail_from: "sue@submit.test",
    });
    expect(replyOf(result, "auth")[0].code).toBe(535);
    expect(replyOf(result, "auth")[0].text).toMatch(/^5\.7\.8 /);
    await expect(
      transport(smtp.smtps, true, "nope").sendMail({
        envelope: { from: "sue@submit.test", to: ["tim@submit.test"] },
        raw: message("x"),
      }),
    ).rejects.toMatchObject({ code: "EAUTH", responseCode: 535 });
  });

  it("requires the envelope sender to be the signed-in mailbox (553 5.7.1)", async () => {
    const result = await smtplibSession({
      port: smtp.submission,
      starttls: true,
      login: ["sue@submit.test", PASSWORD],
      mail_from: "tim@submit.test",
    });
    expect(replyOf(result, "auth")[0].code).toBe(235);
    expect(replyOf(result, "mail")[0].code).toBe(553);
    expect(replyOf(result, "mail")[0].text).toMatch(/^5\.7\.1 .*sue@submit\.test/);
  });

  it("refuses remote recipients with a clear 550 5.7.1 when no relay is configured", async () => {
    const result = await smtplibSession({
      port: smtp.submission,
      starttls: true,
      login: ["sue@submit.test", PASSWORD],
      mail_from: "sue@submit.test",
      rcpt: ["friend@elsewhere.example", "nobody@submit.test"],
    });
    const [remote, unknown] = replyOf(result, "rcpt");
    expect(remote.code).toBe(550);
    expect(remote.text).toMatch(/^5\.7\.1 .*no outgoing relay is configured/);
    expect(unknown.code).toBe(550);
    expect(unknown.text).toMatch(/^5\.1\.1 /);
    expect(await db().outboundMessage.count()).toBe(0);
  });

  it("takes a password change through setMailboxPassword at once: old fails, new works", async () => {
    const send = (pass: string) =>
      transport(smtp.submission, false, pass).sendMail({
        envelope: { from: "sue@submit.test", to: ["tim@submit.test"] },
        raw: message("after change"),
      });
    await expect(send(PASSWORD)).resolves.toMatchObject({ accepted: ["tim@submit.test"] });
    await setMailboxPassword({
      mailboxId: sueId,
      address: "sue@submit.test",
      password: "Brand New Secret 99",
      actor,
    });
    await expect(send(PASSWORD)).rejects.toMatchObject({ responseCode: 535 });
    await expect(send("Brand New Secret 99")).resolves.toMatchObject({
      accepted: ["tim@submit.test"],
    });
    await setMailboxPassword({
      mailboxId: sueId,
      address: "sue@submit.test",
      password: PASSWORD,
      actor,
    });
  });

  it("refuses a mailbox whose SMTP access is off, with a clear message", async () => {
    await db().mailbox.update({
      where: { address: "pat@submit.test" },
      data: { smtpEnabled: false },
    });
    await expect(
      transport(smtp.submission, false, PASSWORD, "pat@submit.test").sendMail({
        envelope: { from: "pat@submit.test", to: ["tim@submit.test"] },
        raw: message("x"),
      }),
    ).rejects.toMatchObject({
      responseCode: 535,
      response: expect.stringMatching(/SMTP\) is turned off/),
    });
  });

  it("refuses a suspended mailbox at once, and takes it back when reinstated", async () => {
    const box = await seedMailbox("sid@submit.test", PASSWORD);
    const send = () =>
      transport(smtp.submission, false, PASSWORD, "sid@submit.test").sendMail({
        envelope: { from: "sid@submit.test", to: ["tim@submit.test"] },
        raw: message("suspension"),
      });
    await setMailboxSuspended({ mailboxId: box.id, suspended: true, actor });
    await expect(send()).rejects.toMatchObject({
      responseCode: 535,
      response: expect.stringMatching(/suspended/),
    });
    await setMailboxSuspended({ mailboxId: box.id, suspended: false, actor });
    await expect(send()).resolves.toMatchObject({ accepted: ["tim@submit.test"] });
  });

  it("never writes a password into the log", async () => {
    const authOk = smtp.logs.map((l) => JSON.parse(l)).filter((r) => r.event === "auth");
    expect(authOk).toContainEqual(
      expect.objectContaining({ result: "ok", method: "PLAIN", address: "sue@submit.test" }),
    );
    for (const secret of [PASSWORD, "Brand New Secret 99", "correct horse 4711"])
      expect(smtp.logs.filter((l) => l.includes(secret))).toEqual([]);
    const plainBlob = Buffer.from(`\0sue@submit.test\0${PASSWORD}`).toString("base64");
    expect(smtp.logs.filter((l) => l.includes(plainBlob))).toEqual([]);
  });
});

describe("plaintext AUTH off loopback", () => {
  let remoteLike: SmtpHarness;
  beforeAll(async () => {
    remoteLike = await startSmtp({ services: { treatLoopbackAsRemote: true } });
  });
  afterAll(async () => remoteLike.close());

  it("offers AUTH on loopback before STARTTLS, but not to a (test-only) remote-like client", async () => {
    const loopback = await smtplibSession({ port: smtp.submission, mail_from: "sue@submit.test" });
    expect(loopback.features).toEqual(expect.arrayContaining(["auth", "starttls"]));

    const remote = await smtplibSession({
      port: remoteLike.submission,
      login: ["sue@submit.test", PASSWORD],
      mail_from: "sue@submit.test",
    });
    expect(remote.features).toContain("starttls");
    expect(remote.features).not.toContain("auth");
    expect(replyOf(remote, "auth")[0].code).toBe(0); // smtplib: "AUTH extension not supported"
    expect(replyOf(remote, "mail")[0].code).toBe(530);
    expect(replyOf(remote, "mail")[0].text).toMatch(/STARTTLS/);

    const upgraded = await smtplibSession({
      port: remoteLike.submission,
      starttls: true,
      login: ["sue@submit.test", PASSWORD],
      mail_from: "sue@submit.test",
      rcpt: ["tim@submit.test"],
    });
    expect(upgraded.features_before_tls).not.toContain("auth");
    expect(upgraded.auth_features).toBe("PLAIN LOGIN");
    expect(replyOf(upgraded, "auth")[0].code).toBe(235);
  });

  it("refuses AUTH sent without TLS from a non-loopback address with 538 5.7.11, via the login decision", async () => {
    const session = { id: "unit", secure: false, remoteAddress: "203.0.113.9" };
    await expect(
      authenticateSmtpSession(
        { method: "PLAIN", username: "sue@submit.test", password: PASSWORD },
        session,
        silentLogger,
      ),
    ).rejects.toMatchObject({ responseCode: 538, message: expect.stringMatching(/^5\.7\.11 /) });
    const attempt = await db().loginAttempt.findFirstOrThrow({
      where: { ip: "203.0.113.9" },
      orderBy: { id: "desc" },
    });
    expect(attempt).toMatchObject({
      door: "SMTP",
      success: false,
      reason: "plaintext_without_tls",
    });
    // The same credentials over TLS from that address are fine.
    await expect(
      authenticateSmtpSession(
        { method: "PLAIN", username: "sue@submit.test", password: PASSWORD },
        { ...session, secure: true },
        silentLogger,
      ),
    ).resolves.toMatchObject({ address: "sue@submit.test" });
  });
});

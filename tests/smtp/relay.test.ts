import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { startFakeSmarthost, type FakeSmarthost } from "./support/fake-smarthost";
import { inboxOf, run, seedMailbox, startSmtp, type SmtpHarness } from "./support/harness";

const PASSWORD = "Correct Horse 4711";
let smarthost: FakeSmarthost;
let smtp: SmtpHarness;

beforeAll(async () => {
  smarthost = await startFakeSmarthost((rcpt, attempt) => {
    if (rcpt === "flaky@remote.example" && attempt === 1) return [451, "4.3.0 Try again later"];
    if (rcpt === "nobody@remote.example") return [550, "5.1.1 No such user here"];
    if (rcpt === "down@remote.example") return [451, "4.4.1 Mailbox temporarily unavailable"];
    return null;
  });
  smtp = await startSmtp({
    env: { SMTP_RELAY_URL: smarthost.url },
    services: {
      relayPolicy: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 400 },
      relayPollIntervalMs: 100,
    },
  });
  await seedMailbox("ria@relay.test", PASSWORD);
  await seedMailbox("tom@relay.test", PASSWORD);
});
afterAll(async () => {
  await smtp.close();
  await smarthost.close();
});

const send = (to: string[], subject: string) =>
  nodemailer
    .createTransport({
      host: "127.0.0.1",
      port: smtp.submission,
      requireTLS: true,
      auth: { user: "ria@relay.test", pass: PASSWORD },
      tls: { rejectUnauthorized: false },
    })
    .sendMail({
      envelope: { from: "ria@relay.test", to },
      raw: `From: <ria@relay.test>\r\nTo: ${to.join(", ")}\r\nSubject: ${subject}\r\n\r\nBody of ${subject}.\r\n`,
    });

async function settled(subject: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await db().outboundMessage.findMany();
    const row = rows.find((r) => Buffer.from(r.raw).toString().includes(`Subject: ${subject}\r\n`));
    if (row && row.state !== "queued") return row;
    if (Date.now() > deadline) throw new Error(`still queued: ${JSON.stringify(row?.lastError)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("relaying remote recipients through SMTP_RELAY_URL", () => {
  it("delivers local recipients at once and relays the remote ones byte for byte", async () => {
    const info = await send(["tom@relay.test", "friend@remote.example"], "mixed");
    expect(info.accepted).toEqual(["tom@relay.test", "friend@remote.example"]);
    const row = await settled("mixed");
    expect(row).toMatchObject({
      state: "sent",
      attempts: 1,
      recipients: ["friend@remote.example"],
    });
    const [local] = await inboxOf("tom@relay.test");
    const relayed = smarthost.received.find((r) => r.to.includes("friend@remote.example"))!;
    expect(relayed.from).toBe("ria@relay.test");
    expect(relayed.to).toEqual(["friend@remote.example"]);
    expect(relayed.raw.equals(Buffer.from(local.raw))).toBe(true);
    expect(relayed.raw.toString()).toMatch(
      /^Received: from \S+ \(\[127\.0\.0\.1\]\)\r\n\tby mx\.octeportal\.test/,
    );
  });

  it("retries a temporary refusal with backoff, then succeeds", async () => {
    await send(["flaky@remote.example"], "flaky");
    const row = await settled("flaky");
    expect(row).toMatchObject({ state: "sent", attempts: 2 });
    expect(row.lastError).toBeNull();
    expect(smarthost.attempts.get("flaky@remote.example")).toBe(2);
    expect(smarthost.received.filter((r) => r.to.includes("flaky@remote.example"))).toHaveLength(1);
  });

  it("bounces a permanent refusal into the sender's INBOX (DSN), state bounced", async () => {
    await send(["nobody@remote.example"], "permanent");
    const row = await settled("permanent");
    expect(row).toMatchObject({ state: "bounced", attempts: 1 });
    expect(row.lastError).toMatch(/550 5\.1\.1 No such user here/);
    const bounce = Buffer.from((await inboxOf("ria@relay.test")).at(-1)!.raw).toString();
    expect(bounce).toMatch(/^From: Mail Delivery System <MAILER-DAEMON@mx\.octeportal\.test>\r\n/);
    expect(bounce).toMatch(/Content-Type: multipart\/report; report-type=delivery-status;/);
    expect(bounce).toContain(
      "Final-Recipient: rfc822; nobody@remote.example\r\nAction: failed\r\nStatus: 5.1.1\r\n",
    );
    expect(bounce).toMatch(
      /Content-Type: text\/rfc822-headers\r\n\r\nReceived: [\s\S]*Subject: permanent\r\n/,
    );
    expect(bounce).not.toContain("Body of permanent");
  });

  it("bounces after too many temporary failures", async () => {
    await send(["down@remote.example"], "exhausted");
    const row = await settled("exhausted");
    expect(row).toMatchObject({ state: "bounced", attempts: 3 });
    expect(smarthost.attempts.get("down@remote.example")).toBe(3);
    const bounce = Buffer.from((await inboxOf("ria@relay.test")).at(-1)!.raw).toString();
    expect(bounce).toMatch(
      /Final-Recipient: rfc822; down@remote\.example\r\nAction: failed\r\nStatus: 4\.4\.1\r\nDiagnostic-Code: smtp; 451 4\.4\.1 .*gave up after 3 attempts/,
    );
  });

  it("relays what swaks submits too (AUTH PLAIN over STARTTLS)", async () => {
    const result = await run("swaks", [
      "--server",
      `127.0.0.1:${smtp.submission}`,
      "--tls",
      "--auth",
      "PLAIN",
      "--auth-user",
      "ria@relay.test",
      "--auth-password",
      PASSWORD,
      "--from",
      "ria@relay.test",
      "--to",
      "pal@remote.example",
      "--header",
      "Subject: swaks relay",
    ]);
    expect(result.code).toBe(0);
    expect(await settled("swaks relay")).toMatchObject({ state: "sent" });
    expect(smarthost.received.some((r) => r.to.includes("pal@remote.example"))).toBe(true);
  });
});

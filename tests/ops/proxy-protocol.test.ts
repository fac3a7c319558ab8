// PROXY protocol (MAIL_PROXY_PROTOCOL=true): raw sockets play the load balancer, sending a v1 or
// v2 header and then speaking SMTP, POP3 or IMAP (plain, STARTTLS/STLS and implicit TLS, where
// the header comes before the handshake). The proxied client address is what the login
// decision, the Received header and the logs see; untrusted peers and bad headers are closed.
import net from "node:net";
import { Duplex } from "node:stream";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/server/db/client";
import { RawClient } from "../pop3/support";
import { proxyV1, proxyV2 } from "./support/proxy-headers";
import { HOSTNAME, seedMailbox, startMailStack, type MailStack } from "./support/mail-stack";

const ADDRESS = "proxied@ops.test";
const PASSWORD = "Harbour-Lantern-Quiet-5521";
const balancer = { address: "127.0.0.1", port: 2525 };

let stack: MailStack;
beforeAll(async () => {
  stack = await startMailStack({ MAIL_PROXY_PROTOCOL: "true" });
  await seedMailbox(ADDRESS, PASSWORD);
});
afterAll(() => stack?.close());

/** Connects as the load balancer and sends the header (and maybe the first bytes with it). */
async function viaProxy(port: number, header: Buffer, firstBytes = ""): Promise<RawClient> {
  const client = await RawClient.connect(port);
  client.send(Buffer.concat([header, Buffer.from(firstBytes)]));
  return client;
}

const from = (address: string) => ({ address, port: 40_000 });

describe("PROXY protocol on the mail listeners", () => {
  it("SMTP inbound (v1): the Received header and the logs name the proxied client", async () => {
    const client = await viaProxy(stack.port.smtp, proxyV1(from("198.51.100.23"), balancer));
    expect(await client.line()).toMatch(/^220 /);
    const say = async (line: string) => {
      client.send(`${line}\r\n`);
      let reply = await client.line();
      while (/^\d{3}-/.test(reply)) reply = await client.line();
      return reply;
    };
    expect(await say("EHLO client.remote.example")).toMatch(/^250 /);
    expect(await say("MAIL FROM:<someone@elsewhere.example>")).toMatch(/^250 /);
    expect(await say(`RCPT TO:<${ADDRESS}>`)).toMatch(/^250 /);
    expect(await say("DATA")).toMatch(/^354 /);
    expect(await say("Subject: through the balancer\r\n\r\nHello.\r\n.")).toMatch(/^250 /);
    await say("QUIT");
    client.end();

    const stored = await db().message.findFirstOrThrow({
      where: { mailbox: { address: ADDRESS } },
      orderBy: { id: "desc" },
    });
    const received = Buffer.from(stored.raw).toString("latin1").split("\r\n\t")[0];
    expect(received).toBe("Received: from client.remote.example ([198.51.100.23])");
    expect(stack.logs.records()).toContainEqual(
      expect.objectContaining({
        proto: "smtp",
        event: "connect",
        remoteAddress: "198.51.100.23",
        proxy: "127.0.0.1",
        proxied: true,
      }),
    );
    expect(HOSTNAME).toBe("mx.ops.test");
  });

  it("SMTP submission (v2): a proxied remote client gets no plaintext AUTH, even though the balancer is on loopback", async () => {
    const client = await viaProxy(stack.port.submission, proxyV2(from("203.0.113.50"), balancer));
    expect(await client.line()).toMatch(/^220 /);
    client.send("EHLO client.example\r\n");
    const features: string[] = [];
    for (let l = await client.line(); ; l = await client.line()) {
      features.push(l);
      if (/^250 /.test(l)) break;
    }
    expect(features.join("\n")).toContain("STARTTLS");
    expect(features.join("\n")).not.toMatch(/AUTH/);
    client.end();
  });

  it("POP3 (v2, STLS): plaintext refused for the proxied client; after STLS the login is recorded with its address", async () => {
    const client = await viaProxy(stack.port.pop3, proxyV2(from("203.0.113.60"), balancer));
    expect(await client.line()).toMatch(/^\+OK/);
    expect(await client.command(`USER ${ADDRESS}`)).toMatch(/^-ERR \[AUTH\] Plaintext/);
    expect(await client.command("STLS")).toMatch(/^\+OK/);
    await client.startTls();
    expect(await client.command(`USER ${ADDRESS}`)).toMatch(/^\+OK/);
    expect(await client.command(`PASS ${PASSWORD}`)).toMatch(/^\+OK Logged in/);
    expect(await client.command("QUIT")).toMatch(/^\+OK/);
    client.end();
    const attempt = await db().loginAttempt.findFirstOrThrow({
      where: { address: ADDRESS, door: "POP3" },
      orderBy: { id: "desc" },
    });
    expect(attempt).toMatchObject({ ip: "203.0.113.60", success: true });
  });

  it("IMAPS (v1 header before the TLS handshake, IPv6 client): LOGIN is recorded with the proxied address", async () => {
    const client = await viaProxy(
      stack.port.imaps,
      proxyV1({ address: "2001:db8::77", port: 50_000 }, { address: "::1", port: 993 }),
    );
    await client.startTls();
    expect(await client.line()).toMatch(/^\* OK /);
    expect(await client.command(`a LOGIN ${ADDRESS} "${PASSWORD}"`)).toMatch(/^a OK/);
    expect(await client.command("b LOGOUT")).toMatch(/^\* BYE/);
    client.end();
    const attempt = await db().loginAttempt.findFirstOrThrow({
      where: { address: ADDRESS, door: "IMAP" },
      orderBy: { id: "desc" },
    });
    expect(attempt).toMatchObject({ ip: "2001:db8::77", success: true });
  });

  it("hands bytes that came in the same packet as the header to the protocol", async () => {
    const client = await viaProxy(
      stack.port.pop3,
      proxyV1(from("192.0.2.98"), balancer),
      "CAPA\r\n",
    );
    expect(await client.line()).toMatch(/^\+OK/);
    expect(await client.line()).toMatch(/^\+OK/);
    expect(await client.multiline()).toContain("STLS");
    client.end();
  });

  it("IMAPS: the header and the TLS ClientHello in one packet", async () => {
    const raw = net.connect(stack.port.imaps, "127.0.0.1");
    await new Promise((r) => raw.once("connect", r));
    let header: Buffer | null = proxyV2(from("192.0.2.97"), balancer);
    // A stream between TLS and the socket, so the first TLS record can be glued to the header.
    const glue = new Duplex({
      write(chunk: Buffer, _encoding, done) {
        raw.write(header ? Buffer.concat([header, chunk]) : chunk, done);
        header = null;
      },
      read() {},
    });
    raw.on("data", (d) => glue.push(d));
    const secure = tls.connect({ socket: glue, rejectUnauthorized: false });
    const greeting = await new Promise<string>((resolve, reject) => {
      secure.once("data", (d: Buffer) => resolve(d.toString()));
      secure.once("error", reject);
    });
    expect(greeting).toMatch(/^\* OK /);
    secure.destroy();
    raw.destroy();
  });

  it("POP3S (v2 header, then TLS, then the greeting)", async () => {
    const client = await viaProxy(stack.port.pop3s, proxyV2(from("192.0.2.99"), balancer));
    await client.startTls();
    expect(await client.line()).toMatch(/^\+OK/);
    client.end();
  });

  it("a v2 LOCAL header (the balancer's own health check) is served as the balancer itself", async () => {
    const client = await viaProxy(
      stack.port.imap,
      proxyV2(from("10.0.0.1"), balancer, { command: "LOCAL" }),
    );
    expect(await client.line()).toMatch(/^\* OK /);
    expect(await client.command("a NOOP")).toMatch(/^a OK/);
    client.end();
  });

  it("the portal's own mail (no relay) reaches the backend with a PROXY UNKNOWN header", async () => {
    vi.stubEnv("MAIL_PROXY_PROTOCOL", "true");
    vi.stubEnv("SMTP_PORT", String(stack.port.smtp));
    vi.stubEnv("MAIL_HEALTH_HOST", "127.0.0.1");
    vi.stubEnv("SMTP_RELAY_URL", "");
    vi.resetModules();
    try {
      const { sendMail } = await import("@/lib/server/mail/send-mail");
      await sendMail({ to: ADDRESS, subject: "Portal notice", text: "Hello from the portal." });
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
    const stored = await db().message.findFirstOrThrow({
      where: { mailbox: { address: ADDRESS } },
      orderBy: { id: "desc" },
    });
    const raw = Buffer.from(stored.raw).toString("latin1");
    expect(raw).toContain("Subject: Portal notice");
    expect(raw).toMatch(/^Received: from \S+ \(\[127\.0\.0\.1\]\)/);
  });

  it("closes connections whose header is missing, malformed or oversized, without a word", async () => {
    for (const bytes of [
      "EHLO no-header.example\r\n",
      "PROXY TCP4 999.1.1.1 127.0.0.1 1 2\r\n",
      `PROXY TCP4 ${"1".repeat(300)}`,
    ]) {
      const client = await RawClient.connect(stack.port.smtp);
      client.send(bytes);
      await client.closedByServer();
      await expect(client.line(100)).rejects.toThrow(/closed/);
    }
    const oversizedV2 = proxyV2(from("192.0.2.1"), balancer, { tlv: Buffer.alloc(2000) });
    const client = await viaProxy(stack.port.imap, oversizedV2);
    await client.closedByServer();
    expect(
      stack.logs
        .records()
        .filter((r) => r.event === "refused_before_protocol")
        .map((r) => r.reason),
    ).toEqual(
      expect.arrayContaining([
        "no PROXY header",
        "v1 address or port malformed",
        "v1 line too long",
        "v2 header too long",
      ]),
    );
  });
});

describe("PROXY protocol from an untrusted peer", () => {
  let strict: MailStack;
  beforeAll(async () => {
    strict = await startMailStack({
      MAIL_PROXY_PROTOCOL: "true",
      MAIL_PROXY_TRUSTED: "192.0.2.1, 10.0.0.0/8",
    });
  });
  afterAll(() => strict?.close());

  it("is disconnected before anything is read, on every protocol", async () => {
    for (const port of [strict.port.smtp, strict.port.pop3s, strict.port.imap]) {
      const client = await viaProxy(port, proxyV1(from("198.51.100.1"), balancer));
      await client.closedByServer();
      await expect(client.line(100)).rejects.toThrow(/closed/);
    }
    expect(strict.logs.records().filter((r) => r.event === "proxy_refused")).toHaveLength(3);
  });
});

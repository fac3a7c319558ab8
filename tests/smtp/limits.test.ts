// Per-connection limits, SMTP smuggling and hostile input at every SMTP listener.
import fc from "fast-check";
import net from "node:net";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inboxOf, seedMailbox, startSmtp, type SmtpHarness } from "./support/harness";
import { wireSession } from "./support/wire";

let smtp: SmtpHarness;
beforeAll(async () => {
  smtp = await startSmtp({
    env: { MAX_CLIENTS_PER_LISTENER: "3" },
    services: { idleTimeoutMs: 1500 },
  });
  await seedMailbox("lim@limits.test", "Correct Horse 4711");
});
afterAll(async () => smtp.close());

/** Connects and resolves with everything the server sent until it closed the connection. */
function untilClosed(socket: net.Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    socket.on("data", (c) => (text += c.toString("latin1")));
    socket.on("error", () => {});
    socket.on("close", () => resolve(text));
  });
}

describe("SMTP connection limits", () => {
  it("closes an idle connection with 421", async () => {
    const socket = net.connect(smtp.smtp, "127.0.0.1");
    expect(await untilClosed(socket)).toMatch(/^220 .*\r\n421 [^\r\n]*\r\n$/s);
  });

  it("refuses clients beyond MAX_CLIENTS_PER_LISTENER with 421", async () => {
    const open = Array.from({ length: 3 }, () => net.connect(smtp.submission, "127.0.0.1"));
    await Promise.all(open.map((s) => new Promise((r) => s.once("data", r))));
    const extra = net.connect(smtp.submission, "127.0.0.1");
    expect(await untilClosed(extra)).toMatch(/^421 .*Too many connected clients/);
    open.forEach((s) => s.destroy());
  });

  it("disconnects a submission client that keeps talking without AUTH", async () => {
    const replies = await wireSession(
      smtp.submission,
      Array.from({ length: 12 }, () => "NOOP\r\n"),
    );
    expect(replies.some((r) => /^421 .*unauthenticated/.test(r))).toBe(true);
  });
});

describe("SMTP smuggling", () => {
  // Published variants: a dot line ended by bare LF / bare CR must not end DATA.
  for (const [name, terminator] of [
    ["<LF>.<LF>", "\n.\n"],
    ["<LF>.<CR><LF>", "\n.\r\n"],
    ["<CR><LF>.<LF>", "\r\n.\n"],
    ["<CR>.<CR>", "\r.\r"],
  ] as const) {
    it(`keeps ${name} inside the message instead of starting a second one`, async () => {
      const before = (await inboxOf("lim@limits.test")).length;
      const replies = await wireSession(smtp.smtp, [
        "EHLO client.example\r\n",
        "MAIL FROM:<a@remote.example>\r\n",
        "RCPT TO:<lim@limits.test>\r\n",
        "DATA\r\n",
        `Subject: outer\r\n\r\nfirst${terminator}MAIL FROM:<b@remote.example>\r\n` +
          `RCPT TO:<lim@limits.test>\r\nDATA\r\nSubject: smuggled\r\n\r\nsecond\r\n.\r\n`,
      ]);
      expect(replies.at(-1)).toMatch(/^250 /);
      const stored = await inboxOf("lim@limits.test");
      expect(stored).toHaveLength(before + 1);
      expect(Buffer.from(stored.at(-1)!.raw).toString()).toContain("Subject: smuggled");
    });
  }
});

describe("hostile input", () => {
  it("survives random bytes and over-long lines on every listener", async () => {
    const listeners = [
      { port: smtp.smtp, tls: false },
      { port: smtp.submission, tls: false },
      { port: smtp.smtps, tls: true },
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...listeners),
        fc.oneof(
          fc.uint8Array({ minLength: 1, maxLength: 4096 }),
          fc.string({ minLength: 20_000, maxLength: 40_000 }).map((s) => Buffer.from(s + "\r\n")),
        ),
        async (listener, bytes) => {
          const socket = listener.tls
            ? tls.connect({ port: listener.port, host: "127.0.0.1", rejectUnauthorized: false })
            : net.connect(listener.port, "127.0.0.1");
          const closed = untilClosed(socket);
          socket.write(Buffer.from(bytes));
          setTimeout(() => socket.destroy(), 300);
          await closed;
        },
      ),
      { numRuns: 30 },
    );
    // Still serving.
    const replies = await wireSession(smtp.smtp, ["EHLO after.example\r\n", "QUIT\r\n"]);
    expect(replies[1]).toMatch(/^250[ -]/);
  });
});

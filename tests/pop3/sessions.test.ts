// Session rules: one session per maildrop ([IN-USE], across backend instances), a password
// change or suspension ends a session at its next command, plaintext refused off loopback,
// idle timeout, client limit, graceful shutdown.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { deliverMessage } from "@/lib/server/mail-store/deliver-message";
import { expungeMessages } from "@/lib/server/mail-store/expunge-messages";
import { setMailboxPassword } from "@/lib/server/mailbox/set-mailbox-password";
import { setMailboxSuspended } from "@/lib/server/mailbox/set-mailbox-suspended";
import { actor, poplib, seedMailbox, startPop3, RawClient, type Pop3Server } from "./support";

const PASSWORD = "Harbour Light 4821";
const message = (n: number) => Buffer.from(`Subject: session ${n}\r\n\r\nbody ${n}\r\n`);

let server: Pop3Server;
let secondBackend: Pop3Server;
beforeAll(async () => {
  server = await startPop3();
  // Another backend instance: shares nothing with the first but the database.
  secondBackend = await startPop3();
});
afterAll(async () => {
  await server.close();
  await secondBackend.close();
});

async function login(port: number, address: string, password = PASSWORD): Promise<RawClient> {
  const client = await RawClient.connect(port);
  expect(await client.line()).toMatch(/^\+OK/);
  expect(await client.command(`USER ${address}`)).toMatch(/^\+OK/);
  expect(await client.command(`PASS ${password}`)).toMatch(/^\+OK Logged in/);
  return client;
}

async function attempt(port: number, address: string, password = PASSWORD): Promise<string> {
  const client = await RawClient.connect(port);
  await client.line();
  await client.command(`USER ${address}`);
  const answer = await client.command(`PASS ${password}`);
  client.end();
  return answer;
}

describe("POP3 sessions", () => {
  it("gives a second session [IN-USE], on the same and on another backend, until the first ends", async () => {
    await seedMailbox("locked@sessions.test", PASSWORD, [message(1)]);
    const first = await login(server.plainPort, "locked@sessions.test");
    expect(await attempt(server.plainPort, "locked@sessions.test")).toBe(
      "-ERR [IN-USE] Mailbox is in use by another POP3 session.",
    );
    expect(await attempt(secondBackend.plainPort, "locked@sessions.test")).toMatch(
      /^-ERR \[IN-USE\]/,
    );
    expect(await first.command("QUIT")).toMatch(/^\+OK/);
    await first.closedByServer();
    const second = await login(secondBackend.plainPort, "locked@sessions.test");
    expect(await second.command("STAT")).toBe(`+OK 1 ${message(1).length}`);
    // A dropped connection frees the maildrop too.
    second.end();
    let answer = "";
    for (let tries = 0; tries < 50; tries++) {
      answer = await attempt(server.plainPort, "locked@sessions.test");
      if (!answer.includes("[IN-USE]")) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(answer).toMatch(/^\+OK Logged in/);
  });

  it("DELE then a dropped connection removes nothing", async () => {
    const mailbox = await seedMailbox("dropped@sessions.test", PASSWORD, [message(1), message(2)]);
    const client = await login(server.plainPort, "dropped@sessions.test");
    expect(await client.command("DELE 1")).toMatch(/^\+OK/);
    expect(await client.command("DELE 2")).toMatch(/^\+OK/);
    client.end();
    // Once the server has seen the drop it gives the maildrop back, without UPDATE.
    while ((await db().pop3MaildropLock.count({ where: { mailboxId: mailbox.id } })) > 0)
      await new Promise((r) => setTimeout(r, 50));
    expect(await db().message.count({ where: { mailboxId: mailbox.id } })).toBe(2);
  });

  it("ends a session at its next command once the password changes; the old password fails at once", async () => {
    const mailbox = await seedMailbox("changed@sessions.test", PASSWORD, [message(1)]);
    const client = await login(server.plainPort, "changed@sessions.test");
    expect(await client.command("DELE 1")).toMatch(/^\+OK/);
    await setMailboxPassword({
      mailboxId: mailbox.id,
      address: mailbox.address,
      password: "Brand New Password 77",
      actor,
    });
    expect(await client.command("STAT")).toMatch(/^-ERR \[AUTH\] Session ended/);
    await client.closedByServer();
    // Its DELE was never applied.
    expect(await db().message.count({ where: { mailboxId: mailbox.id } })).toBe(1);
    expect(await attempt(server.plainPort, "changed@sessions.test")).toBe(
      "-ERR [AUTH] Authentication failed.",
    );
    const fresh = await login(server.plainPort, "changed@sessions.test", "Brand New Password 77");
    expect(await fresh.command("QUIT")).toMatch(/^\+OK/);
  });

  it("ends a session of a suspended mailbox at its next command, and refuses new logins", async () => {
    const mailbox = await seedMailbox("suspended@sessions.test", PASSWORD, [message(1)]);
    const client = await login(server.plainPort, mailbox.address);
    await setMailboxSuspended({ mailboxId: mailbox.id, suspended: true, actor });
    expect(await client.command("NOOP")).toMatch(/^-ERR \[AUTH\] Session ended/);
    await client.closedByServer();
    expect(await attempt(server.plainPort, mailbox.address)).toMatch(
      /^-ERR \[SYS\/PERM\] This mailbox is suspended/,
    );
  });

  it("refuses a mailbox whose POP3 access is off, with a clear message", async () => {
    const mailbox = await seedMailbox("nopop@sessions.test", PASSWORD);
    await db().mailbox.update({ where: { id: mailbox.id }, data: { pop3Enabled: false } });
    expect(await attempt(server.plainPort, mailbox.address)).toMatch(
      /^-ERR \[SYS\/PERM\] POP3 access is turned off/,
    );
  });

  it("shows the maildrop as it was at login; RETR of a message expunged meanwhile says so", async () => {
    const mailbox = await seedMailbox("snapshot@sessions.test", PASSWORD, [message(1), message(2)]);
    const client = await login(server.plainPort, mailbox.address);
    await deliverMessage({ mailboxId: mailbox.id, raw: message(3) });
    const inbox = await db().mailFolder.findFirstOrThrow({
      where: { mailboxId: mailbox.id, name: "INBOX" },
    });
    await expungeMessages({ folderId: inbox.id, uids: [1] });
    expect(await client.command("STAT")).toBe(`+OK 2 ${2 * message(1).length}`);
    expect(await client.command("RETR 1")).toBe("-ERR Message 1 was removed by another client.");
    expect(await client.command("RETR 2")).toBe(`+OK ${message(2).length} octets`);
    expect(await client.multiline()).toEqual(["Subject: session 2", "", "body 2"]);
    expect(await client.command("QUIT")).toMatch(/^\+OK/);
    const next = await poplib({
      port: server.plainPort,
      mode: "plain",
      user: mailbox.address,
      password: PASSWORD,
      steps: [["stat"], ["quit"]],
    });
    expect(next.steps[0].stat).toEqual([2, 2 * message(1).length]);
  });
});

describe("POP3 off loopback", () => {
  let remote: Pop3Server;
  beforeAll(async () => {
    // As if the client came from elsewhere: plaintext login must need TLS.
    remote = await startPop3({ peerAddress: () => "192.0.2.44" });
    await seedMailbox("remote@sessions.test", PASSWORD, [message(1)]);
  });
  afterAll(() => remote.close());

  it("offers no USER/SASL before STLS and refuses them with [AUTH]", async () => {
    const client = await RawClient.connect(remote.plainPort);
    await client.line();
    expect(await client.command("CAPA")).toMatch(/^\+OK/);
    const capa = await client.multiline();
    expect(capa).toContain("STLS");
    expect(capa).not.toContain("USER");
    expect(capa.some((c) => c.startsWith("SASL"))).toBe(false);
    expect(await client.command("USER remote@sessions.test")).toMatch(
      /^-ERR \[AUTH\] Plaintext authentication disallowed/,
    );
    expect(await client.command(`PASS ${PASSWORD}`)).toMatch(/^-ERR \[AUTH\] Plaintext/);
    expect(await client.command("AUTH PLAIN AHJlbW90ZUBzZXNzaW9ucy50ZXN0AHg=")).toMatch(
      /^-ERR \[AUTH\] Plaintext/,
    );
    expect(await client.command("STLS")).toMatch(/^\+OK/);
    await client.startTls();
    expect(await client.command("CAPA")).toMatch(/^\+OK/);
    const secureCapa = await client.multiline();
    expect(secureCapa).toContain("USER");
    expect(secureCapa).toContain("SASL PLAIN");
    expect(await client.command("USER remote@sessions.test")).toMatch(/^\+OK/);
    expect(await client.command(`PASS ${PASSWORD}`)).toMatch(/^\+OK Logged in, 1 messages/);
    expect(await client.command("QUIT")).toMatch(/^\+OK/);
  });

  it("logs in over implicit TLS (Python poplib, POP3_SSL)", async () => {
    const out = await poplib({
      port: remote.tlsPort,
      mode: "ssl",
      user: "remote@sessions.test",
      password: PASSWORD,
      steps: [["stat"], ["quit"]],
    });
    expect(out.steps[0].stat).toEqual([1, message(1).length]);
  });
});

describe("POP3 connection limits", () => {
  it("disconnects an idle client without applying its deletions", async () => {
    // Long enough that a slow (loaded) login is not mistaken for idleness.
    const idle = await startPop3({ idleTimeoutMs: 2000 });
    try {
      const mailbox = await seedMailbox("idle@sessions.test", PASSWORD, [message(1)]);
      const client = await login(idle.plainPort, mailbox.address);
      expect(await client.command("DELE 1")).toMatch(/^\+OK/);
      expect(await client.line()).toBe("-ERR Disconnected for inactivity. Nothing was deleted.");
      await client.closedByServer();
      expect(await db().message.count({ where: { mailboxId: mailbox.id } })).toBe(1);
    } finally {
      await idle.close();
    }
  });

  it("turns away clients over the per-listener limit", async () => {
    const small = await startPop3({ maxClients: 2 });
    try {
      const a = await RawClient.connect(small.plainPort);
      const b = await RawClient.connect(small.plainPort);
      expect(await a.line()).toMatch(/^\+OK/);
      expect(await b.line()).toMatch(/^\+OK/);
      const c = await RawClient.connect(small.plainPort);
      expect(await c.line()).toBe("-ERR [SYS/TEMP] Too many connections, try again later.");
      await c.closedByServer();
      a.end();
      await a.closedByServer();
      let answer = "";
      for (let tries = 0; tries < 50 && !answer.startsWith("+OK"); tries++) {
        const d = await RawClient.connect(small.plainPort);
        answer = await d.line();
        d.end();
      }
      expect(answer).toMatch(/^\+OK/);
      b.end();
    } finally {
      await small.close();
    }
  });

  it("tells connected clients when it shuts down and frees their maildrops", async () => {
    const stopping = await startPop3();
    const mailbox = await seedMailbox("shutdown@sessions.test", PASSWORD, [message(1)]);
    const client = await login(stopping.plainPort, mailbox.address);
    expect(await client.command("DELE 1")).toMatch(/^\+OK/);
    await stopping.close();
    expect(await client.line()).toBe("-ERR [SYS/TEMP] Server shutting down, try again shortly.");
    await client.closedByServer();
    expect(await db().message.count({ where: { mailboxId: mailbox.id } })).toBe(1);
    expect(await db().pop3MaildropLock.count({ where: { mailboxId: mailbox.id } })).toBe(0);
  });
});

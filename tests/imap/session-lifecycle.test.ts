// Live enforcement and limits: suspension and password change end open sessions (* BYE),
// idle timeout, IDLE keep-alive, connections per user and per IP, STARTTLS, masked credentials.
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setMailboxPassword } from "@/lib/server/mailbox/set-mailbox-password";
import { setMailboxSuspended } from "@/lib/server/mailbox/set-mailbox-suspended";
import { RawImapClient } from "./support/raw-client";
import {
  PASSWORD,
  seedMailbox,
  startTestImapServer,
  type TestImapServer,
} from "./support/imap-server";

let server: TestImapServer;
const actor = { type: "system" as const };

beforeAll(async () => {
  server = await startTestImapServer({
    idleTimeoutMs: 1500,
    idleKeepAliveMs: 300,
    maxConnectionsPerUser: 2,
    maxConnectionsPerIp: 6,
  });
});
afterAll(() => server.close());

async function connect(): Promise<RawImapClient> {
  const c = await RawImapClient.connect(server.port);
  await c.until(/^\* OK .*\r\n/m);
  return c;
}

async function loggedIn(user: string, password = PASSWORD): Promise<RawImapClient> {
  const c = await connect();
  expect(await c.command("l", `LOGIN ${user} "${password}"`)).toMatch(/^l OK/m);
  return c;
}

describe("IMAP session lifecycle", () => {
  it("ends a session with * BYE when the mailbox is suspended", async () => {
    const mailbox = await seedMailbox("suspend@imap.test");
    const c = await loggedIn("suspend@imap.test");
    await c.command("s1", "SELECT INBOX");
    await setMailboxSuspended({ mailboxId: mailbox.id, suspended: true, actor });
    c.send("s2 NOOP\r\n");
    expect(await c.until(/^\* BYE .*\r\n/m)).toMatch(/BYE/);
    await c.waitClosed();
    const again = await connect();
    expect(await again.command("s3", `LOGIN suspend@imap.test "${PASSWORD}"`)).toMatch(/^s3 NO/m);
    again.close();
  });

  it("ends an IDLE session with * BYE when the password changes", async () => {
    const mailbox = await seedMailbox("pwchange@imap.test");
    const c = await loggedIn("pwchange@imap.test");
    await c.command("p1", "SELECT INBOX");
    c.send("p2 IDLE\r\n");
    await c.until(/^\+ .*\r\n/m);
    await setMailboxPassword({
      mailboxId: mailbox.id,
      address: mailbox.address,
      password: "Another Secret 77!",
      actor,
    });
    // The next keep-alive tick notices.
    expect(await c.until(/^\* BYE .*\r\n/m)).toMatch(/BYE/);
    await c.waitClosed();
  });

  it("sends keep-alives during IDLE and logs out idle sessions outside IDLE", async () => {
    await seedMailbox("idle@imap.test");
    const c = await loggedIn("idle@imap.test");
    await c.command("i1", "SELECT INBOX");
    c.send("i2 IDLE\r\n");
    await c.until(/^\+ .*\r\n/m);
    // Longer than the idle timeout: IDLE is exempt, keep-alives flow.
    await c.until(
      /^\* OK Still here\r\n[\s\S]*\* OK Still here\r\n[\s\S]*\* OK Still here\r\n[\s\S]*\* OK Still here\r\n[\s\S]*\* OK Still here\r\n/m,
    );
    c.send("DONE\r\n");
    await c.until(/^i2 OK .*\r\n/m);
    expect(await c.until(/^\* BYE .*\r\n/m)).toMatch(/idle/i);
    await c.waitClosed();
  });

  it("limits connections per user", async () => {
    await seedMailbox("many@imap.test");
    const a = await loggedIn("many@imap.test");
    const b = await loggedIn("many@imap.test");
    const c = await connect();
    expect(await c.command("m1", `LOGIN many@imap.test "${PASSWORD}"`)).toMatch(
      /^m1 NO \[LIMIT\]/m,
    );
    a.close();
    await a.waitClosed();
    // The server frees the place right after it sees the close; retry until it has.
    let answer = "";
    for (let i = 0; i < 50 && !/^m2 OK/m.test(answer); i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 100));
      answer = await c.command("m2", `LOGIN many@imap.test "${PASSWORD}"`);
    }
    expect(answer).toMatch(/^m2 OK/m);
    b.close();
    c.close();
  });

  it("limits connections per IP", async () => {
    const open = await Promise.all(
      Array.from({ length: 6 }, () => RawImapClient.connect(server.port)),
    );
    for (const c of open) await c.until(/^\* OK .*\r\n/m);
    const extra = await RawImapClient.connect(server.port);
    expect(await extra.until(/^\* BYE .*\r\n/m)).toMatch(/Too many connections/);
    for (const c of open) c.close();
  });

  it("upgrades with STARTTLS, drops STARTTLS from CAPABILITY, and never logs passwords", async () => {
    await seedMailbox("tls@imap.test");
    const c = await connect();
    const before = await c.command("t1", "CAPABILITY");
    expect(before).toContain("STARTTLS");
    c.send("t2 STARTTLS\r\n");
    await c.until(/^t2 OK .*\r\n/m);
    const secure = tls.connect({
      socket: (c as unknown as { socket: import("node:net").Socket }).socket,
      rejectUnauthorized: false,
    });
    await new Promise((r) => secure.once("secureConnect", r));
    const text = await new Promise<string>((resolve) => {
      let got = "";
      secure.on("data", (d) => {
        got += d.toString();
        if (/t4 OK.*\r\n/.test(got)) resolve(got);
      });
      secure.write(`t3 CAPABILITY\r\nt4 LOGIN tls@imap.test "${PASSWORD}"\r\n`);
    });
    expect(text).toMatch(/^\* CAPABILITY /m);
    expect(text.split("\r\n")[0]).not.toContain("STARTTLS");
    expect(text).toMatch(/^t4 OK/m);
    secure.destroy();
    expect(server.logs.join("\n")).not.toContain(PASSWORD);
  });
});

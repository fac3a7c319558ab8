// IDLE on the embedded database (`npm start` without DATABASE_URL): PGlite behind pglite-socket
// runs every connection on one backend, so NOTIFY never reaches the listener's connection. The
// folder-change listener detects that at start and polls instead; IDLE clients still hear of mail
// delivered by another path and of an APPEND made on a second IMAP connection, and live checks
// (suspension, password change) ask the database at every command.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkMailboxAccess } from "@/lib/server/auth/check-mailbox-access";
import { disconnectDb } from "@/lib/server/db/client";
import { applyMigrations } from "@/lib/server/db/apply-migrations";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/server/db/embedded-postgres";
import { deliverMessage } from "@/lib/server/mail-store/deliver-message";
import { setMailboxPassword } from "@/lib/server/mailbox/set-mailbox-password";
import { setMailboxSuspended } from "@/lib/server/mailbox/set-mailbox-suspended";
import { freePort } from "@/scripts/support/free-port";
import { RawImapClient } from "./support/raw-client";
import {
  PASSWORD,
  sampleMessage,
  seedMailbox,
  loggedInRawClient,
  startTestImapServer,
  type TestImapServer,
} from "./support/imap-server";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "imap-pglite-"));
let embedded: EmbeddedPostgres;
let server: TestImapServer;
const actor = { type: "system" as const };

beforeAll(async () => {
  embedded = await startEmbeddedPostgres(dataDir, await freePort());
  await applyMigrations(embedded.url);
  // From here on this file's database is the embedded one (db() is created on first use).
  await disconnectDb();
  process.env.DATABASE_URL = embedded.url;
  server = await startTestImapServer();
}, 120_000);

afterAll(async () => {
  await server?.close();
  await disconnectDb();
  await embedded?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function loggedIn(user: string): Promise<RawImapClient> {
  const c = await loggedInRawClient(server.port, user);
  return c;
}

describe("IDLE on the embedded PGlite database", () => {
  it("falls back to polling because NOTIFY does not cross pglite-socket connections", () => {
    expect(server.logs.join("\n")).toContain("polling for folder changes");
  });

  it("wakes an IDLE session for a delivery and for another connection's APPEND", async () => {
    const user = "pglite-raw@imap.test";
    const { id: mailboxId } = await seedMailbox(user);
    const idler = await loggedIn(user);
    expect(await idler.command("s", "SELECT INBOX")).toContain("* 0 EXISTS");
    idler.send("i IDLE\r\n");
    await idler.until(/^\+ .*\r\n/m);
    // Only now, with the session idling, does the message arrive.
    const sent = Date.now();
    await deliverMessage({ mailboxId, raw: sampleMessage(1) });
    expect(await idler.until(/^\* 1 EXISTS\r\n/m)).toContain("* 1 EXISTS");
    console.log(`IDLE latency on PGlite (polling): ${Date.now() - sent} ms`);

    const other = await loggedIn(user);
    const body = sampleMessage(2).toString("latin1");
    other.send(`a APPEND INBOX {${body.length}+}\r\n${body}\r\n`);
    expect(await other.until(/^a .*\r\n/m)).toMatch(/^a OK \[APPENDUID \d+ 2\]/m);
    expect(await idler.until(/^\* 2 EXISTS\r\n/m)).toContain("* 2 EXISTS");
    idler.send("DONE\r\n");
    expect(await idler.until(/^i .*\r\n/m)).toMatch(/^i OK/m);
    for (const c of [idler, other]) c.close();
  }, 60_000);

  it("tells an IDLE imapflow client about a delivery", async () => {
    const user = "pglite-flow@imap.test";
    const { id: mailboxId } = await seedMailbox(user);
    const flow = new ImapFlow({
      host: "127.0.0.1",
      port: server.port,
      secure: false,
      auth: { user, pass: PASSWORD },
      tls: { rejectUnauthorized: false },
      logger: false,
    });
    await flow.connect();
    try {
      await flow.mailboxOpen("INBOX");
      expect((flow.mailbox as { exists: number }).exists).toBe(0);
      const arrived = new Promise<number>((resolve) =>
        flow.once("exists", (data: { count: number }) => resolve(data.count)),
      );
      const idle = flow.idle();
      await deliverMessage({ mailboxId, raw: sampleMessage(1) });
      expect(await arrived).toBe(1);
      await flow.noop(); // ends IDLE
      await idle;
    } finally {
      await flow.logout();
    }
  }, 60_000);

  it("ends a session at its next command after a suspension or password change (no NOTIFY here)", async () => {
    const suspended = await seedMailbox("pglite-suspend@imap.test");
    const renewed = await seedMailbox("pglite-password@imap.test");
    const a = await loggedIn(suspended.address);
    const b = await loggedIn(renewed.address);
    for (const c of [a, b]) expect(await c.command("s", "SELECT INBOX")).toMatch(/^s OK/m);
    await setMailboxSuspended({ mailboxId: suspended.id, suspended: true, actor });
    await setMailboxPassword({
      mailboxId: renewed.id,
      address: renewed.address,
      password: "Fresh Pglite Secret 63!",
      actor,
    });
    for (const c of [a, b]) {
      c.send("f FETCH 1:* (FLAGS)\r\n");
      expect(await c.until(/^\* BYE .*\r\n/m)).not.toMatch(/^f OK/m);
      await c.waitClosed();
    }
  }, 60_000);

  it("answers many access checks at once: named statements would collide on the one backend", async () => {
    const mailbox = await seedMailbox("pglite-checks@imap.test");
    const checks = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        checkMailboxAccess({ mailboxId: mailbox.id, door: i % 2 ? "IMAP" : "POP3" }),
      ),
    );
    for (const check of checks) expect(check.access.closedBecause).toBeNull();
  });
});

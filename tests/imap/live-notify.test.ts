// The per-command live check comes from NOTIFY (issue #9): database triggers announce every change
// that must end IMAP sessions, so commands run with no live-check query and the session still
// ends at once; a lost LISTEN connection makes checks ask the database again. The SELECT snapshot
// cache gives the right flags and messages after other sessions' STORE, a delivery and EXPUNGE.
import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setProtocolAccess } from "@/lib/server/admin/change-mailbox";
import { setDomainActive } from "@/lib/server/admin/domains";
import type { StaffContext } from "@/lib/server/admin/staff-context";
import { db, pgPool } from "@/lib/server/db/client";
import { deliverMessage } from "@/lib/server/mail-store/deliver-message";
import { setMailboxPassword } from "@/lib/server/mailbox/set-mailbox-password";
import { setMailboxSuspended } from "@/lib/server/mailbox/set-mailbox-suspended";
import type { FolderChangeListener } from "@/lib/server/imap/folder-change-listener";
import { LiveSessionChecks } from "@/lib/server/imap/live-session-checks";
import {
  PASSWORD,
  loggedInRawClient,
  sampleMessage,
  seedMailbox,
  startTestImapServer,
  type TestImapServer,
} from "./support/imap-server";
import type { RawImapClient } from "./support/raw-client";

const actor = { type: "system" as const };
const admin: StaffContext = { id: 1, email: "admin@live.test", role: "admin", ip: null };
let server: TestImapServer;

/** The live-check queries (checkMailboxAccess) sent through the pool since the last call. */
const liveCheckQueries: string[] = [];
function takeLiveCheckQueries(): number {
  return liveCheckQueries.splice(0).length;
}

beforeAll(async () => {
  server = await startTestImapServer();
  const pool = pgPool();
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { query: unknown }).query = (...args: unknown[]) => {
    // The check is a named statement: a query config whose text is the SQL.
    const text = typeof args[0] === "string" ? args[0] : (args[0] as { text?: unknown })?.text;
    if (typeof text === "string" && text.includes(`m."sessionVersion"`))
      liveCheckQueries.push(text);
    return query(...args);
  };
}, 60_000);

afterAll(async () => {
  await server?.close();
});

/** A session with INBOX selected whose live check is already cached. */
async function selectedSession(user: string): Promise<RawImapClient> {
  const c = await loggedInRawClient(server.port, user);
  expect(await c.command("s", "SELECT INBOX")).toMatch(/^s OK/m);
  return c;
}

/** The listener's database session (the one that ran LISTEN). */
async function listenerBackends(): Promise<number[]> {
  const { rows } = await pgPool().query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity
     WHERE query LIKE 'LISTEN octeportal_folder_change%' AND datname = current_database()
       AND pid <> pg_backend_pid()`,
  );
  return rows.map((r) => r.pid);
}

describe("IMAP live check from NOTIFY", () => {
  it("listens (PostgreSQL delivers NOTIFY to other connections)", () => {
    expect(server.logs.join("\n")).not.toContain("polling for folder changes");
  });

  it("runs FETCH, STORE and SELECT with no live-check query", async () => {
    const user = "quiet@live.test";
    const { id: mailboxId } = await seedMailbox(user);
    await deliverMessage({ mailboxId, raw: sampleMessage(1) });
    const c = await selectedSession(user);
    expect(await c.command("f0", "FETCH 1 (FLAGS)")).toMatch(/^f0 OK/m);
    takeLiveCheckQueries();
    expect(await c.command("f1", "FETCH 1 (UID FLAGS RFC822.SIZE)")).toMatch(/^f1 OK/m);
    expect(await c.command("f2", "STORE 1 +FLAGS (\\Seen)")).toMatch(/^f2 OK/m);
    expect(await c.command("f3", "UID FETCH 1:* (FLAGS)")).toMatch(/\\Seen[\s\S]*^f3 OK/m);
    expect(await c.command("f4", "SELECT INBOX")).toMatch(/^f4 OK/m);
    expect(takeLiveCheckQueries()).toBe(0);
    c.close();
  });

  const endings: Array<[string, (mailboxId: number, address: string) => Promise<unknown>]> = [
    ["suspension", (mailboxId) => setMailboxSuspended({ mailboxId, suspended: true, actor })],
    [
      "password change",
      (mailboxId, address) =>
        setMailboxPassword({ mailboxId, address, password: "Brand New Secret 91!", actor }),
    ],
    ["IMAP switched off", (mailboxId) => setProtocolAccess(admin, mailboxId, "IMAP", false)],
    [
      "domain switched off",
      async (mailboxId) => {
        const { domainId } = await db().mailbox.findUniqueOrThrow({ where: { id: mailboxId } });
        return setDomainActive(admin, domainId, false);
      },
    ],
  ];

  for (const [what, change] of endings) {
    it(`ends an open session at once on ${what}, without waiting for a command`, async () => {
      const user = `end-${what.replace(/\W+/g, "-")}@${what.startsWith("domain") ? "off." : ""}live.test`;
      const mailbox = await seedMailbox(user);
      const c = await selectedSession(user);
      expect(await c.command("n", "FETCH 1:* (FLAGS)")).toMatch(/^n (OK|BAD)/m);
      takeLiveCheckQueries();
      await change(mailbox.id, mailbox.address);
      // No command is sent: the notification alone brings the BYE.
      expect(await c.until(/^\* BYE .*\r\n/m)).toMatch(/mailbox access changed/);
      await c.waitClosed();
    });
  }

  it("falls back to the database while the LISTEN connection is lost", async () => {
    const user = "lost-listener@live.test";
    const mailbox = await seedMailbox(user);
    const c = await selectedSession(user);
    expect(await c.command("a", "NOOP")).toMatch(/^a OK/m);
    const pids = await listenerBackends();
    expect(pids.length).toBeGreaterThan(0);
    const logged = server.logs.length;
    await pgPool().query("SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) pid", [pids]);
    // Wait until the listener knows its connection is gone.
    for (
      let i = 0;
      i < 100 && !server.logs.slice(logged).join("\n").includes("lost its connection");
      i++
    )
      await new Promise((r) => setTimeout(r, 20));
    expect(server.logs.slice(logged).join("\n")).toContain("lost its connection");
    await setMailboxPassword({
      mailboxId: mailbox.id,
      address: mailbox.address,
      password: "Changed While Deaf 55!",
      actor,
    });
    takeLiveCheckQueries();
    c.send("b FETCH 1:* (FLAGS)\r\n");
    const answer = await c.until(/^\* BYE .*\r\n/m);
    expect(answer).not.toMatch(/^b OK/m);
    await c.waitClosed();
    // The database, not memory, gave that answer.
    expect(takeLiveCheckQueries()).toBeGreaterThan(0);
    // The listener comes back (new LISTEN backend) and sessions work again.
    for (let i = 0; i < 100 && (await listenerBackends()).length === 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    await seedMailbox("lost-listener-2@live.test");
    const other = await selectedSession("lost-listener-2@live.test");
    expect(await other.command("c", "NOOP")).toMatch(/^c OK/m);
    other.close();
  }, 30_000);
});

describe("LiveSessionChecks", () => {
  it("trusts a cached yes but confirms a no with the database (a login just after a change)", async () => {
    const mailbox = await seedMailbox("fresh-login@live.test");
    // A listener that is up but hears nothing: the cache is never told about the change below.
    const deaf: FolderChangeListener = {
      mode: "notify",
      epoch: 1,
      notifiedModseq: () => undefined,
      subscribe: () => () => {},
      subscribeMailbox: () => () => {},
      close: async () => {},
    };
    const checks = new LiveSessionChecks(deaf);
    const request = { mailboxId: mailbox.id, sessionVersion: mailbox.sessionVersion };
    expect(await checks.check(request)).toEqual({ valid: true, folderChanged: false });
    expect(await checks.check(request)).toEqual({ valid: true, folderChanged: false });
    expect(checks.queries).toBe(1);
    await setMailboxPassword({
      mailboxId: mailbox.id,
      address: mailbox.address,
      password: "Logged In Again 38!",
      actor,
    });
    const { sessionVersion } = await db().mailbox.findUniqueOrThrow({ where: { id: mailbox.id } });
    // The new session's version differs from the cached one: asked, and allowed.
    expect(await checks.check({ ...request, sessionVersion })).toEqual({
      valid: true,
      folderChanged: false,
    });
    expect(checks.queries).toBe(2);
    checks.close();
  });
});

describe("SELECT snapshot cache", () => {
  async function flow(user: string): Promise<ImapFlow> {
    const client = new ImapFlow({
      host: "127.0.0.1",
      port: server.port,
      secure: false,
      auth: { user, pass: PASSWORD },
      tls: { rejectUnauthorized: false },
      logger: false,
    });
    await client.connect();
    return client;
  }

  it("gives the right flags and messages after another session's STORE, a delivery and EXPUNGE", async () => {
    const user = "snapshot@live.test";
    const { id: mailboxId } = await seedMailbox(user);
    for (let n = 1; n <= 3; n++) await deliverMessage({ mailboxId, raw: sampleMessage(n) });
    const reader = await flow(user);
    const writer = await flow(user);
    const flagsSeen = async () => {
      await reader.mailboxOpen("INBOX", { readOnly: true });
      const out = new Map<number, string[]>();
      for await (const m of reader.fetch("1:*", { uid: true, flags: true }))
        // \Recent depends on who selected first (tests/imap/recent.test.ts): not the point here.
        out.set(m.uid, [...(m.flags ?? [])].filter((f) => f !== "\\Recent").sort());
      await reader.mailboxClose();
      return out;
    };
    // The first SELECT fills the cache; the second reuses it.
    expect(await flagsSeen()).toEqual(
      new Map([
        [1, []],
        [2, []],
        [3, []],
      ]),
    );
    expect(await flagsSeen()).toEqual(
      new Map([
        [1, []],
        [2, []],
        [3, []],
      ]),
    );

    await writer.mailboxOpen("INBOX");
    await writer.messageFlagsAdd("2", ["\\Flagged", "$Work"], { uid: true });
    expect(await flagsSeen()).toEqual(
      new Map([
        [1, []],
        [2, ["$Work", "\\Flagged"]],
        [3, []],
      ]),
    );

    await deliverMessage({ mailboxId, raw: sampleMessage(4) });
    expect((await flagsSeen()).get(4)).toEqual([]);

    await writer.messageFlagsAdd("1", ["\\Deleted"], { uid: true });
    await writer.messageDelete("1", { uid: true });
    const after = await flagsSeen();
    expect([...after.keys()]).toEqual([2, 3, 4]);
    expect(after.get(2)).toEqual(["$Work", "\\Flagged"]);

    // SELECT (read-write) still claims \Recent exactly once across sessions.
    await deliverMessage({ mailboxId, raw: sampleMessage(5) });
    const raw = await loggedInRawClient(server.port, user);
    expect(await raw.command("r1", "SELECT INBOX")).toMatch(/\* 4 EXISTS\r\n\* 1 RECENT/);
    expect(await raw.command("r2", "SELECT INBOX")).toMatch(/\* 4 EXISTS\r\n\* 0 RECENT/);
    raw.close();
    await reader.logout();
    await writer.logout();
  }, 30_000);
});

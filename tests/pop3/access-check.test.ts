// RETR/TOP check the session and read the message in one round trip (checkMailboxAccess with a
// slice) when the message was not read ahead, and with the plain check when it was. Either way
// a command after a password change, suspension, POP3 switched off or the domain switched off
// is refused at once, says why, and sends no byte of the message.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setProtocolAccess } from "@/lib/server/admin/change-mailbox";
import { setDomainActive } from "@/lib/server/admin/domains";
import type { StaffContext } from "@/lib/server/admin/staff-context";
import { db, pgPool } from "@/lib/server/db/client";
import { expungeMessages } from "@/lib/server/mail-store/expunge-messages";
import { setMailboxPassword } from "@/lib/server/mailbox/set-mailbox-password";
import { setMailboxSuspended } from "@/lib/server/mailbox/set-mailbox-suspended";
import {
  actor,
  curl,
  fromBase64,
  poplib,
  RawClient,
  seedMailbox,
  startPop3,
  type Pop3Server,
} from "./support";

const PASSWORD = "Copper Kettle 6620";
const admin: StaffContext = { id: 1, email: "admin@access.test", role: "admin", ip: null };
const message = (n: number) =>
  Buffer.from(`Subject: access ${n}\r\n\r\n.dotted ${n}\r\n${"line\r\n".repeat(n * 5)}`);
const messages = [1, 2, 3, 4].map(message);

/** Statements carrying the session check (text with m."sessionVersion"), as sent to the pool. */
const checks: Array<{ copy: boolean }> = [];
let server: Pop3Server;
beforeAll(async () => {
  // Tiny slices: a message takes several reads after the combined first one.
  server = await startPop3({ messageSliceBytes: 16, writeChunkBytes: 9 });
  const pool = pgPool();
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { query: unknown }).query = (...args: unknown[]) => {
    const first = args[0] as string | { text?: unknown };
    const text = typeof first === "string" ? first : first?.text;
    if (typeof text === "string" && text.includes(`m."sessionVersion"`))
      checks.push({ copy: text.startsWith("COPY") });
    return query(...args);
  };
});
afterAll(() => server.close());

async function login(address: string): Promise<RawClient> {
  const client = await RawClient.connect(server.plainPort);
  expect(await client.line()).toMatch(/^\+OK/);
  expect(await client.command(`USER ${address}`)).toMatch(/^\+OK/);
  expect(await client.command(`PASS ${PASSWORD}`)).toMatch(/^\+OK Logged in/);
  return client;
}

type Mailbox = Awaited<ReturnType<typeof seedMailbox>>;
const endings: Array<[string, RegExp, (m: Mailbox) => Promise<unknown>]> = [
  [
    "a password change",
    /^-ERR \[AUTH\] Session ended: the password or access of this mailbox changed\. Nothing was deleted\.$/,
    (m) =>
      setMailboxPassword({
        mailboxId: m.id,
        address: m.address,
        password: "Copper Kettle Renewed 1",
        actor,
      }),
  ],
  [
    "a suspension",
    /^-ERR \[AUTH\] Session ended: this mailbox is suspended\. Nothing was deleted\./,
    (m) => setMailboxSuspended({ mailboxId: m.id, suspended: true, actor }),
  ],
  [
    "POP3 switched off",
    /^-ERR \[AUTH\] Session ended: POP3 access is turned off for this mailbox\. Nothing was deleted\.$/,
    (m) => setProtocolAccess(admin, m.id, "POP3", false),
  ],
  [
    "the domain switched off",
    /^-ERR \[AUTH\] Session ended: mail for this domain is turned off\. Nothing was deleted\.$/,
    async (m) => {
      const { domainId } = await db().mailbox.findUniqueOrThrow({ where: { id: m.id } });
      return setDomainActive(admin, domainId, false);
    },
  ],
];

describe("POP3 RETR with the combined access check", () => {
  let seeded = 0;
  for (const [what, answer, change] of endings) {
    for (const readAhead of [false, true]) {
      const how = readAhead ? "read ahead" : "not read ahead (check and read in one statement)";
      it(`refuses RETR right after ${what}, message ${how}`, async () => {
        // Each case on a domain of its own (one of them switches its domain off).
        const m = await seedMailbox(`u@d${++seeded}.access.test`, PASSWORD, messages);
        const client = await login(m.address);
        if (readAhead) {
          expect(await client.command("RETR 1")).toBe(`+OK ${messages[0].length} octets`);
          await client.multiline(); // message 2's first slice is read ahead now
        }
        await change(m);
        checks.length = 0;
        expect(await client.command(readAhead ? "RETR 2" : "RETR 3")).toMatch(answer);
        await client.closedByServer();
        // One statement checked, of the kind the path calls for.
        expect(checks).toEqual([{ copy: !readAhead }]);
      });
    }
  }

  it("checks and reads an out-of-order RETR and TOP in one statement; poplib gets every byte", async () => {
    const m = await seedMailbox("order@d0.access.test", PASSWORD, messages);
    checks.length = 0;
    const out = await poplib({
      port: server.plainPort,
      mode: "plain",
      user: m.address,
      password: PASSWORD,
      steps: [["retr", 3], ["top", 1, 1], ["retr", 4], ["retr", 2], ["quit"]],
    });
    expect(fromBase64(out.steps[0].raw).equals(messages[2])).toBe(true);
    expect(fromBase64(out.steps[1].raw).toString()).toBe("Subject: access 1\r\n\r\n.dotted 1\r\n");
    expect(fromBase64(out.steps[2].raw).equals(messages[3])).toBe(true); // read ahead after 3
    expect(fromBase64(out.steps[3].raw).equals(messages[1])).toBe(true);
    // RETR 3 and TOP 1 were not read ahead: checked and read in one statement. TOP 1 started
    // the read-ahead over from 2, so RETR 4 and RETR 2 (and QUIT) were only checked.
    expect(checks).toEqual([
      { copy: true },
      { copy: true },
      { copy: false },
      { copy: false },
      { copy: false },
    ]);
  });

  it("gives curl's first RETR of a session (combined path) byte for byte", async () => {
    const m = await seedMailbox("curl@d0.access.test", PASSWORD, messages);
    const got = await curl([
      "--user",
      `${m.address}:${PASSWORD}`,
      `pop3://127.0.0.1:${server.plainPort}/4`,
    ]);
    expect(got.equals(messages[3])).toBe(true);
  });

  it("answers RETR of a message expunged meanwhile, on the combined path, as removed", async () => {
    const m = await seedMailbox("gone@d0.access.test", PASSWORD, messages);
    const client = await login(m.address);
    const inbox = await db().mailFolder.findFirstOrThrow({
      where: { mailboxId: m.id, name: "INBOX" },
    });
    await expungeMessages({ folderId: inbox.id, uids: [3] });
    expect(await client.command("RETR 3")).toBe("-ERR Message 3 was removed by another client.");
    expect(await client.command("RETR 1")).toBe(`+OK ${messages[0].length} octets`);
    expect((await client.multiline())[0]).toBe("Subject: access 1");
    expect(await client.command("QUIT")).toMatch(/^\+OK/);
  });
});

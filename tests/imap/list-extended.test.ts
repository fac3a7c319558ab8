// LIST-EXTENDED (RFC 5258) with RFC 6154 SPECIAL-USE, and LIST-STATUS (RFC 5819): selection and
// return options, several patterns, RECURSIVEMATCH with CHILDINFO, \NonExistent parents, STATUS
// answers inside LIST. Raw socket for exact bytes; imapflow and Python imaplib as real clients.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFolder, deleteFolder, setFolderSubscribed } from "@/lib/server/imap/folders";
import { deliverMessage } from "@/lib/server/mail-store/deliver-message";
import { storeFlags } from "@/lib/server/imap/store-flags";
import { RawImapClient } from "./support/raw-client";
import {
  PASSWORD,
  imapFlowClient,
  sampleMessage,
  seedMailbox,
  loggedInRawClient,
  startTestImapServer,
  type TestImapServer,
} from "./support/imap-server";

const run = promisify(execFile);
const USER = "listx@imap.test";
let server: TestImapServer;

beforeAll(async () => {
  server = await startTestImapServer();
  const { id: mailboxId } = await seedMailbox(USER);
  for (let i = 1; i <= 3; i++) await deliverMessage({ mailboxId, raw: sampleMessage(i) });
  const sent = await deliverMessage({ mailboxId, folder: "Sent", raw: sampleMessage(4) });
  await storeFlags({ folderId: sent.folderId, uids: [sent.uid], mode: "add", flags: ["\\Seen"] });
  // Projects (not subscribed) / 2026 (subscribed); Lists/Café whose parent is only implied.
  await createFolder({ mailboxId, name: "Projects/2026" });
  await setFolderSubscribed({ mailboxId, name: "Projects", subscribed: false });
  await createFolder({ mailboxId, name: "Lists/Café" });
  await deleteFolder({ mailboxId, name: "Lists" });
});
afterAll(() => server.close());

async function session(): Promise<RawImapClient> {
  const c = await loggedInRawClient(server.port, USER);
  return c;
}

const untagged = (answer: string) => answer.split("\r\n").filter((l) => l.startsWith("* "));

describe("LIST-EXTENDED and LIST-STATUS", () => {
  it("advertises the extensions", async () => {
    const c = await session();
    const caps = await c.command("c", "CAPABILITY");
    for (const cap of ["LIST-EXTENDED", "LIST-STATUS", "SPECIAL-USE", "CHILDREN"])
      expect(caps).toContain(` ${cap}`);
    c.close();
  });

  it("answers selection options, several patterns and RECURSIVEMATCH", async () => {
    const c = await session();
    expect(untagged(await c.command("a", 'LIST "" ("INBOX" "Sent")'))).toEqual([
      '* LIST (\\HasNoChildren) "/" "INBOX"',
      '* LIST (\\HasNoChildren \\Sent) "/" "Sent"',
    ]);
    expect(untagged(await c.command("b", 'LIST (SUBSCRIBED) "" "*"'))).toEqual([
      '* LIST (\\HasNoChildren \\Subscribed) "/" "INBOX"',
      '* LIST (\\HasNoChildren \\Drafts \\Subscribed) "/" "Drafts"',
      '* LIST (\\HasNoChildren \\Junk \\Subscribed) "/" "Junk"',
      '* LIST (\\HasNoChildren \\Subscribed) "/" "Lists/Caf&AOk-"',
      '* LIST (\\HasNoChildren \\Subscribed) "/" "Projects/2026"',
      '* LIST (\\HasNoChildren \\Sent \\Subscribed) "/" "Sent"',
      '* LIST (\\HasNoChildren \\Trash \\Subscribed) "/" "Trash"',
    ]);
    expect(untagged(await c.command("c", 'LIST (SUBSCRIBED RECURSIVEMATCH) "" "%"'))).toEqual([
      '* LIST (\\HasNoChildren \\Subscribed) "/" "INBOX"',
      '* LIST (\\HasNoChildren \\Drafts \\Subscribed) "/" "Drafts"',
      '* LIST (\\HasNoChildren \\Junk \\Subscribed) "/" "Junk"',
      '* LIST (\\NonExistent \\HasChildren) "/" "Lists" ("CHILDINFO" ("SUBSCRIBED"))',
      '* LIST (\\HasChildren) "/" "Projects" ("CHILDINFO" ("SUBSCRIBED"))',
      '* LIST (\\HasNoChildren \\Sent \\Subscribed) "/" "Sent"',
      '* LIST (\\HasNoChildren \\Trash \\Subscribed) "/" "Trash"',
    ]);
    expect(
      untagged(await c.command("d", 'LIST (SPECIAL-USE REMOTE) "" "*" RETURN (SPECIAL-USE)')),
    ).toEqual([
      '* LIST (\\HasNoChildren \\Drafts) "/" "Drafts"',
      '* LIST (\\HasNoChildren \\Junk) "/" "Junk"',
      '* LIST (\\HasNoChildren \\Sent) "/" "Sent"',
      '* LIST (\\HasNoChildren \\Trash) "/" "Trash"',
    ]);
    expect(untagged(await c.command("e", 'LIST "" "%" RETURN (CHILDREN SUBSCRIBED)'))).toContain(
      '* LIST (\\NonExistent \\HasChildren) "/" "Lists"',
    );
    // The plain RFC 3501 form keeps \Noselect for the implied parent.
    expect(untagged(await c.command("f", 'LIST "" "Lists"'))).toEqual([
      '* LIST (\\Noselect \\HasChildren) "/" "Lists"',
    ]);
    expect(await c.command("g", 'LIST (RECURSIVEMATCH) "" "*"')).toMatch(/^g BAD/m);
    expect(await c.command("h", 'LIST (BOGUS) "" "*"')).toMatch(/^h BAD/m);
    expect(await c.command("i", 'LIST "" "*" RETURN (BOGUS)')).toMatch(/^i BAD/m);
    expect(await c.command("j", 'LSUB "" ("INBOX")')).toMatch(/^j BAD/m);
    // LSUB: "%" hides the subscribed Projects/2026, so its unsubscribed parent shows \Noselect.
    const lsub = untagged(await c.command("k", 'LSUB "" "%"'));
    expect(lsub).toContain('* LSUB (\\Noselect \\HasChildren) "/" "Projects"');
    expect(lsub).toContain('* LSUB (\\Noselect \\HasChildren) "/" "Lists"');
    expect(untagged(await c.command("m", 'LSUB "" "Projects*"'))).toEqual([
      '* LSUB (\\HasNoChildren) "/" "Projects/2026"',
    ]);
    c.close();
  });

  it("returns STATUS inside LIST (LIST-STATUS)", async () => {
    const c = await session();
    const answer = await c.command(
      "s",
      'LIST "" ("INBOX" "Sent" "Lists" "Lists/*") RETURN (STATUS (MESSAGES UNSEEN))',
    );
    expect(untagged(answer)).toEqual([
      '* LIST (\\HasNoChildren) "/" "INBOX"',
      '* STATUS "INBOX" (MESSAGES 3 UNSEEN 3)',
      '* LIST (\\NonExistent \\HasChildren) "/" "Lists"',
      '* LIST (\\HasNoChildren) "/" "Lists/Caf&AOk-"',
      '* STATUS "Lists/Caf&AOk-" (MESSAGES 0 UNSEEN 0)',
      '* LIST (\\HasNoChildren \\Sent) "/" "Sent"',
      '* STATUS "Sent" (MESSAGES 1 UNSEEN 0)',
    ]);
    expect(await c.command("t", 'LIST "" "*" RETURN (STATUS (BOGUS))')).toMatch(/^t BAD/m);
    c.close();
  });

  it("serves imapflow's list with a status query and Python imaplib's multi-pattern LIST", async () => {
    const flow = imapFlowClient(server.port, USER);
    await flow.connect();
    try {
      const folders = await flow.list({ statusQuery: { messages: true, unseen: true } });
      const inbox = folders.find((f) => f.path === "INBOX");
      expect(inbox?.status).toMatchObject({ messages: 3, unseen: 3 });
      const sent = folders.find((f) => f.path === "Sent");
      expect(sent?.specialUse).toBe("\\Sent");
      expect(sent?.status).toMatchObject({ messages: 1, unseen: 0 });
      expect(folders.map((f) => f.path)).toContain("Lists/Café");
    } finally {
      await flow.logout();
    }

    const script = [
      "import imaplib, json, sys",
      "M = imaplib.IMAP4('127.0.0.1', int(sys.argv[1]))",
      "M.login(sys.argv[2], sys.argv[3])",
      'typ, listed = M.list(\'""\', \'("INBOX" "Junk")\')',
      "print(json.dumps([l.decode() for l in listed]))",
      "M.logout()",
    ].join("\n");
    const { stdout } = await run("python3", ["-c", script, String(server.port), USER, PASSWORD]);
    expect(JSON.parse(stdout)).toEqual([
      '(\\HasNoChildren) "/" "INBOX"',
      '(\\HasNoChildren \\Junk) "/" "Junk"',
    ]);
  });
});

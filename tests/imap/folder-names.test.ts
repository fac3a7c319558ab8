// Folder names in modified UTF-7 (RFC 3501 §5.1.3) over the wire, Unicode in the store: every
// command that takes a name decodes it, every answer encodes it, invalid names are refused.
// Clients: raw socket (exact bytes), imapflow (encodes/decodes names itself), Python imaplib.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFolder, listFolders } from "@/lib/server/imap/folders";
import { deliverMessage } from "@/lib/server/mail-store/deliver-message";
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
let server: TestImapServer;

beforeAll(async () => {
  server = await startTestImapServer();
});
afterAll(() => server.close());

async function session(user: string): Promise<RawImapClient> {
  const c = await loggedInRawClient(server.port, user);
  return c;
}

const storedNames = async (mailboxId: number) =>
  (await listFolders(mailboxId)).map((f) => f.name).sort();

describe("IMAP folder names in modified UTF-7", () => {
  it("decodes arguments and encodes answers for every folder command", async () => {
    const user = "utf7@imap.test";
    const { id: mailboxId } = await seedMailbox(user);
    await deliverMessage({ mailboxId, raw: sampleMessage(1) });
    await deliverMessage({ mailboxId, raw: sampleMessage(2) });
    const c = await session(user);

    expect(await c.command("c1", 'CREATE "Entw&APw-rfe/&ZeVnLIqe-"')).toMatch(/^c1 OK/m);
    expect(await storedNames(mailboxId)).toEqual(
      expect.arrayContaining(["Entwürfe", "Entwürfe/日本語"]),
    );
    expect(await c.command("c2", 'LIST "" "Entw&APw-rfe*"')).toContain(
      '* LIST (\\HasChildren) "/" "Entw&APw-rfe"\r\n' +
        '* LIST (\\HasNoChildren) "/" "Entw&APw-rfe/&ZeVnLIqe-"\r\n',
    );
    expect(await c.command("c3", 'LIST "Entw&APw-rfe/" "%"')).toContain(
      '"Entw&APw-rfe/&ZeVnLIqe-"',
    );
    expect(await c.command("c4", 'STATUS "Entw&APw-rfe/&ZeVnLIqe-" (MESSAGES)')).toContain(
      '* STATUS "Entw&APw-rfe/&ZeVnLIqe-" (MESSAGES 0)',
    );

    c.send('a1 APPEND "Entw&APw-rfe/&ZeVnLIqe-" {5+}\r\nhello\r\n');
    expect(await c.until(/^a1 .*\r\n/m)).toMatch(/^a1 OK \[APPENDUID \d+ 1\]/m);
    await c.command("s0", "SELECT INBOX");
    expect(await c.command("m1", 'COPY 1 "Entw&APw-rfe/&ZeVnLIqe-"')).toMatch(/^m1 OK \[COPYUID/m);
    expect(await c.command("m2", 'MOVE 2 "Entw&APw-rfe"')).toMatch(/^m2 OK/m);
    expect(await c.command("m3", 'SELECT "Entw&APw-rfe/&ZeVnLIqe-"')).toContain("* 2 EXISTS");
    expect(await c.command("m4", 'GETQUOTAROOT "Entw&APw-rfe"')).toContain(
      '* QUOTAROOT "Entw&APw-rfe" ""',
    );

    expect(await c.command("r1", 'RENAME "Entw&APw-rfe" "Tom &- Jerry &2D3eAA-"')).toMatch(
      /^r1 OK/m,
    );
    expect(await storedNames(mailboxId)).toEqual(
      expect.arrayContaining(["Tom & Jerry 😀", "Tom & Jerry 😀/日本語"]),
    );
    expect(await c.command("u1", 'UNSUBSCRIBE "Tom &- Jerry &2D3eAA-"')).toMatch(/^u1 OK/m);
    const lsub = await c.command("u2", 'LSUB "" "*"');
    expect(lsub).toContain('"Tom &- Jerry &2D3eAA-/&ZeVnLIqe-"');
    expect(lsub).not.toContain('"Tom &- Jerry &2D3eAA-"\r\n');
    expect(await c.command("u3", 'SUBSCRIBE "Tom &- Jerry &2D3eAA-"')).toMatch(/^u3 OK/m);
    expect(await c.command("d1", 'DELETE "Tom &- Jerry &2D3eAA-/&ZeVnLIqe-"')).toMatch(/^d1 OK/m);
    expect(await storedNames(mailboxId)).not.toContain("Tom & Jerry 😀/日本語");

    // Names made elsewhere (the portal, a migration) are Unicode and go out encoded.
    await createFolder({ mailboxId, name: "Reçus" });
    expect(await c.command("p1", 'LIST "" "Re*"')).toContain('"Re&AOc-us"');

    // Invalid modified UTF-7 is refused, and nothing is created.
    const before = await storedNames(mailboxId);
    expect(await c.command("b1", 'CREATE "Entw\u00fcrfe2"')).toMatch(/^b1 BAD .*modified UTF-7/m);
    expect(await c.command("b2", 'CREATE "&ZeVnLIqe"')).toMatch(/^b2 BAD/m);
    expect(await c.command("b3", 'CREATE "&AGE-"')).toMatch(/^b3 BAD/m);
    expect(await c.command("b4", 'SELECT "&U,BTFw-&ZeVnLIqe-"')).toMatch(/^b4 BAD/m);
    expect(await c.command("b5", 'LIST "" "&Jjo"')).toMatch(/^b5 BAD/m);
    expect(await storedNames(mailboxId)).toEqual(before);
    c.close();
  });

  it("lets imapflow create, list, open and rename Unicode folders", async () => {
    const user = "utf7-flow@imap.test";
    const { id: mailboxId } = await seedMailbox(user);
    const flow = imapFlowClient(server.port, user);
    await flow.connect();
    try {
      await flow.mailboxCreate(["Größe", "台北"]);
      expect(await storedNames(mailboxId)).toEqual(expect.arrayContaining(["Größe", "Größe/台北"]));
      const paths = (await flow.list()).map((f) => f.path);
      expect(paths).toEqual(expect.arrayContaining(["Größe", "Größe/台北"]));
      await flow.append("Größe/台北", sampleMessage(7));
      const opened = await flow.mailboxOpen("Größe/台北");
      expect(opened.exists).toBe(1);
      await flow.mailboxClose();
      await flow.mailboxRename("Größe/台北", "Größe/日本語 & more");
      expect(await storedNames(mailboxId)).toContain("Größe/日本語 & more");
      const status = await flow.status("Größe/日本語 & more", { messages: true });
      expect(status && status.messages).toBe(1);
    } finally {
      await flow.logout();
    }
  });

  it("shows Python imaplib the encoded names", async () => {
    const user = "utf7-py@imap.test";
    const { id: mailboxId } = await seedMailbox(user);
    await createFolder({ mailboxId, name: "Entwürfe" });
    const script = [
      "import imaplib, json, sys",
      "M = imaplib.IMAP4('127.0.0.1', int(sys.argv[1]))",
      "M.login(sys.argv[2], sys.argv[3])",
      "typ, listed = M.list('\"\"', 'Entw*')",
      "typ2, created = M.create('\"&ZeVnLIqe-\"')",
      "try:",
      "    typ3 = M.create('\"&ZeVn\"')[0]",
      "except imaplib.IMAP4.error as e:",
      "    typ3 = str(e)",
      "print(json.dumps({'list': [l.decode() for l in listed], 'create': typ2, 'bad': typ3}))",
      "M.logout()",
    ].join("\n");
    const { stdout } = await run("python3", ["-c", script, String(server.port), user, PASSWORD]);
    const out = JSON.parse(stdout);
    expect(out.list).toEqual(['(\\HasNoChildren) "/" "Entw&APw-rfe"']);
    expect(out.create).toBe("OK");
    expect(out.bad).toMatch(/BAD.*modified UTF-7/);
    expect(await storedNames(mailboxId)).toContain("日本語");
  });
});

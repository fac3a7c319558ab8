// ESEARCH (RFC 4731) and SEARCHRES (RFC 5182): SEARCH RETURN (MIN MAX ALL COUNT SAVE), UID SEARCH
// RETURN, "* ESEARCH (TAG …)" with compressed sets, "$" in later commands. Raw socket for exact
// bytes; Python imaplib and curl as clients nobody here wrote.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverMessage } from "@/lib/server/mail-store/deliver-message";
import { RawImapClient } from "./support/raw-client";
import {
  PASSWORD,
  sampleMessage,
  seedMailbox,
  loggedInRawClient,
  startTestImapServer,
  type TestImapServer,
} from "./support/imap-server";

const run = promisify(execFile);
const USER = "esearch@imap.test";
let server: TestImapServer;

beforeAll(async () => {
  server = await startTestImapServer();
  const { id: mailboxId } = await seedMailbox(USER);
  for (let i = 1; i <= 8; i++) await deliverMessage({ mailboxId, raw: sampleMessage(i) });
});
afterAll(() => server.close());

async function selected(): Promise<RawImapClient> {
  const c = await loggedInRawClient(server.port, USER);
  expect(await c.command("s", "SELECT INBOX")).toMatch(/^s OK/m);
  return c;
}

describe("ESEARCH and SEARCHRES", () => {
  it("answers RETURN options with one ESEARCH line and compressed sets", async () => {
    const c = await selected();
    // UIDs 1..8; expunge 4 so sequence numbers and UIDs differ from there on: seq 5 is UID 6.
    await c.command("x1", "STORE 4 +FLAGS.SILENT (\\Deleted)");
    await c.command("x2", "EXPUNGE");
    await c.command("f", "STORE 1,2,3,5,7 +FLAGS.SILENT (\\Flagged)");
    expect(await c.command("a1", "SEARCH RETURN (MIN MAX COUNT ALL) FLAGGED")).toContain(
      '* ESEARCH (TAG "a1") MIN 1 MAX 7 ALL 1:3,5,7 COUNT 5\r\na1 OK',
    );
    expect(await c.command("a2", "UID SEARCH RETURN (ALL) FLAGGED")).toContain(
      '* ESEARCH (TAG "a2") UID ALL 1:3,6,8\r\n',
    );
    expect(await c.command("a3", "UID SEARCH RETURN () UNFLAGGED")).toContain(
      '* ESEARCH (TAG "a3") UID ALL 5,7\r\n',
    );
    expect(await c.command("a4", "SEARCH RETURN (COUNT MIN) KEYWORD nothing")).toContain(
      '* ESEARCH (TAG "a4") COUNT 0\r\n',
    );
    expect(await c.command("a5", "SEARCH RETURN (MAX) CHARSET UTF-8 SUBJECT number")).toContain(
      '* ESEARCH (TAG "a5") MAX 7\r\n',
    );
    expect(await c.command("a6", "SEARCH RETURN (FIRST) ALL")).toMatch(/^a6 BAD/m);
    // Plain SEARCH keeps the RFC 3501 answer.
    expect(await c.command("a7", "SEARCH FLAGGED")).toContain("* SEARCH 1 2 3 5 7\r\n");
    c.close();
  });

  it("saves a result for $ in FETCH, STORE, COPY and SEARCH", async () => {
    const c = await selected();
    const saved = await c.command("b1", "UID SEARCH RETURN (SAVE) SUBJECT number UID 2:3");
    expect(saved).not.toContain("ESEARCH");
    expect(saved).toMatch(/^b1 OK/m);
    expect(await c.command("b2", "UID FETCH $ (UID)")).toMatch(
      /^\* \d+ FETCH \(UID 2\)\r\n\* \d+ FETCH \(UID 3\)\r\nb2 OK/m,
    );
    expect(await c.command("b3", "UID STORE $ +FLAGS.SILENT (Saved)")).toMatch(/^b3 OK/m);
    expect(await c.command("b4", "UID SEARCH RETURN (ALL) KEYWORD Saved")).toContain(
      "UID ALL 2:3\r\n",
    );
    expect(await c.command("b5", "UID SEARCH RETURN (COUNT) $")).toContain("UID COUNT 2\r\n");
    expect(await c.command("b6", "SEARCH RETURN (SAVE COUNT) KEYWORD Saved")).toContain(
      '* ESEARCH (TAG "b6") COUNT 2\r\n',
    );
    expect(await c.command("b7", "COPY $ Trash")).toMatch(/^b7 OK \[COPYUID \d+ 2:3 1:2\]/m);
    // SAVE beside MIN/MAX only (RFC 5182 §2.4) keeps just those messages.
    expect(await c.command("b8", "UID SEARCH RETURN (SAVE MIN MAX) ALL")).toContain(
      "UID MIN 1 MAX 8\r\n",
    );
    expect(await c.command("b9", "UID SEARCH RETURN (ALL) $")).toContain("UID ALL 1,8\r\n");
    c.close();
  });

  it("serves Python imaplib and curl", async () => {
    const script = [
      "import imaplib, json, sys",
      "M = imaplib.IMAP4('127.0.0.1', int(sys.argv[1]))",
      "M.login(sys.argv[2], sys.argv[3])",
      "M.select('INBOX')",
      "typ, _ = M.uid('SEARCH', 'RETURN', '(MIN MAX COUNT)', 'ALL')",
      "print(json.dumps({'typ': typ, 'esearch': [r.decode() for r in M.response('ESEARCH')[1]]}))",
      "M.logout()",
    ].join("\n");
    const { stdout } = await run("python3", ["-c", script, String(server.port), USER, PASSWORD]);
    const out = JSON.parse(stdout);
    expect(out.typ).toBe("OK");
    expect(out.esearch).toHaveLength(1);
    expect(out.esearch[0]).toMatch(/^\(TAG "[A-Z]+\d+"\) UID MIN 1 MAX 8 COUNT \d$/);

    const curl = await run("curl", [
      "-s",
      "--user",
      `${USER}:${PASSWORD}`,
      "-X",
      "SEARCH RETURN (COUNT ALL) SUBJECT number",
      `imap://127.0.0.1:${server.port}/INBOX`,
    ]);
    expect(curl.stdout).toMatch(/^\* ESEARCH \(TAG "[A-Z0-9]+"\) ALL 1:\d COUNT \d\r?$/m);
  });
});

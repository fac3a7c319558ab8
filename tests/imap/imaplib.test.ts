// Python's imaplib against the server: login, LIST with special-use, APPEND, SELECT, FETCH,
// SEARCH, STORE, COPY, MOVE, EXPUNGE, STATUS and AUTHENTICATE PLAIN, with byte-exact bodies.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  PASSWORD,
  seedMailbox,
  startTestImapServer,
  type TestImapServer,
} from "./support/imap-server";

const run = promisify(execFile);
let server: TestImapServer;
const USER = "py@imap.test";

beforeAll(async () => {
  server = await startTestImapServer();
  await seedMailbox(USER);
});
afterAll(() => server.close());

describe("Python imaplib", () => {
  it("does a full round trip", async () => {
    const message = Buffer.from(
      "From: Ann <ann@example.org>\r\nTo: py@imap.test\r\nSubject: imaplib round trip\r\n" +
        "Date: Tue, 3 Nov 2026 08:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
        "Grüße\r\n.leading dot\r\n\r\nlast line without newline",
    );
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "imaplib-")), "message.eml");
    writeFileSync(file, message);
    const script = path.join(import.meta.dirname, "clients/imaplib_roundtrip.py");
    const { stdout } = await run("python3", [script, String(server.port), USER, PASSWORD, file]);
    const out = JSON.parse(stdout);
    expect(out.login).toBe("OK");
    expect(out.capabilities).toEqual(
      expect.arrayContaining(["IMAP4REV1", "IDLE", "MOVE", "UIDPLUS"]),
    );
    expect(out.list).toEqual(
      expect.arrayContaining([
        '(\\HasNoChildren) "/" "INBOX"',
        '(\\HasNoChildren \\Sent) "/" "Sent"',
        '(\\HasNoChildren \\Trash) "/" "Trash"',
        '(\\HasNoChildren \\Drafts) "/" "Drafts"',
        '(\\HasNoChildren \\Junk) "/" "Junk"',
      ]),
    );
    expect(out.list_percent).toHaveLength(5);
    expect(out.append[0]).toBe("OK");
    expect(out.append[1]).toMatch(/APPENDUID \d+ 1/);
    expect(out.select).toEqual(["OK", "1"]);
    expect(out.body_exact).toBe(true);
    expect(out.fetch_meta).toContain(`RFC822.SIZE ${message.length}`);
    expect(out.fetch_meta).toContain("\\Seen");
    expect(out.store[0]).toBe("OK");
    expect(out.store[1]).toMatch(/\\Flagged/);
    expect(out.search_flagged).toBe("1");
    expect(out.copy).toBe("OK");
    expect(out.move).toBe("OK");
    expect(out.inbox_after_move).toBe("");
    expect(out.trash_body_exact).toBe(true);
    expect(out.expunge).toEqual(["OK", ["1"]]);
    expect(out.status_drafts).toMatch(/MESSAGES 1 UNSEEN 0 UIDNEXT 2/);
    expect(out.status_trash).toMatch(/MESSAGES 0/);
    expect(out.logout).toBe("BYE");
    expect(out.authenticate).toBe("OK");
  });

  it("returns ENVELOPE, BODYSTRUCTURE and header/body SEARCH from the MIME layer", async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "imaplib-")), "message.eml");
    writeFileSync(
      file,
      "Subject: imaplib round trip\r\nFrom: a@b.example\r\n\r\nhello\r\n.leading dot\r\n",
    );
    const script = path.join(import.meta.dirname, "clients/imaplib_roundtrip.py");
    const { stdout } = await run("python3", [script, String(server.port), USER, PASSWORD, file]);
    const out = JSON.parse(stdout);
    expect(out.structure[0]).toBe("OK");
    expect(out.structure[1]).toMatch(/ENVELOPE \((NIL|"[^"]*") "imaplib round trip"/);
    expect(out.structure[1]).toMatch(/BODYSTRUCTURE \("text" "plain"/i);
    expect(out.search_subject).toEqual(["OK", "2"]);
    expect(out.search_body).toEqual(["OK", "2"]);
  });
});

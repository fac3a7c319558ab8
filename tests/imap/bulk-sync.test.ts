// mbsync (isync) and curl, clients nobody here wrote, against a folder of 1,000 messages.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverMessage } from "@/lib/server/mail-store/deliver-message";
import {
  PASSWORD,
  sampleMessage,
  seedMailbox,
  startTestImapServer,
  type TestImapServer,
} from "./support/imap-server";

const run = promisify(execFile);
const COUNT = 1000;
const USER = "bulk@imap.test";
let server: TestImapServer;

const message = (n: number) => sampleMessage(n, `\r\nunique-token-${n}\r\n${"z".repeat(n % 97)}`);

beforeAll(async () => {
  server = await startTestImapServer();
  const { id } = await seedMailbox(USER);
  // One by one, so UID n holds message n.
  for (let n = 1; n <= COUNT; n++) await deliverMessage({ mailboxId: id, raw: message(n) });
}, 120_000);
afterAll(() => server.close());

describe("bulk sync of 1,000 messages", () => {
  it("mbsync pulls every message intact", { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "mbsync-"));
    const config = path.join(dir, "mbsyncrc");
    writeFileSync(
      config,
      [
        "IMAPAccount test",
        "Host 127.0.0.1",
        `Port ${server.port}`,
        `User ${USER}`,
        `Pass "${PASSWORD}"`,
        "SSLType None",
        "AuthMechs LOGIN",
        "",
        "IMAPStore remote",
        "Account test",
        "",
        "MaildirStore local",
        `Path ${dir}/mail/`,
        `Inbox ${dir}/mail/INBOX`,
        "",
        "Channel sync",
        "Far :remote:",
        "Near :local:",
        "Patterns INBOX",
        "Create Near",
        "Sync Pull",
        `SyncState ${dir}/state/`,
        "",
      ].join("\n"),
    );
    await run("mkdir", ["-p", `${dir}/state`, `${dir}/mail`]);
    const started = Date.now();
    const { stdout, stderr } = await run("mbsync", ["-c", config, "-a"], { maxBuffer: 1 << 24 });
    console.log(`mbsync pulled ${COUNT} messages in ${Date.now() - started} ms`, stdout, stderr);
    const files = ["new", "cur"].flatMap((sub) =>
      readdirSync(path.join(dir, "mail/INBOX", sub)).map((f) =>
        path.join(dir, "mail/INBOX", sub, f),
      ),
    );
    expect(files).toHaveLength(COUNT);
    // mbsync stores LF line ends and adds its own X-TUID header to every file.
    const bodies = new Set(
      files.map((f) =>
        readFileSync(f)
          .toString("latin1")
          .replace(/\r\n/g, "\n")
          .replace(/^X-TUID: .*\n/m, ""),
      ),
    );
    const first = readFileSync(files[0]).toString("latin1");
    expect(
      [...bodies].filter((b) => !b.includes("unique-token-")),
      first,
    ).toEqual([]);
    for (let n = 1; n <= COUNT; n++)
      expect(bodies.has(message(n).toString("latin1").replace(/\r\n/g, "\n"))).toBe(true);
    // A second run finds nothing new and still succeeds.
    await run("mbsync", ["-c", config, "-a"]);
  });

  it("curl lists, searches and fetches by UID", async () => {
    const base = `imap://127.0.0.1:${server.port}`;
    const auth = ["-s", "-S", "-u", `${USER}:${PASSWORD}`];
    const list = await run("curl", [...auth, `${base}/`]);
    expect(list.stdout).toMatch(/\* LIST \(\\HasNoChildren\) "\/" "INBOX"/);
    const search = await run("curl", [...auth, `${base}/INBOX`, "-X", "UID SEARCH ALL"]);
    const uids = search.stdout.trim().split(/\s+/).slice(2).map(Number);
    expect(uids).toHaveLength(COUNT);
    const fetched = await run("curl", [...auth, `${base}/INBOX;UID=777`]);
    expect(fetched.stdout).toBe(message(777).toString("latin1"));
    const examine = await run("curl", [...auth, `${base}/INBOX`, "-X", "EXAMINE INBOX"]);
    expect(examine.stdout).toMatch(new RegExp(`\\* ${COUNT} EXISTS`));
  });
});

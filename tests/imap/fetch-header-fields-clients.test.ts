// FETCH of list-view header sections through real clients, on awkward headers (folded lines,
// bare LF, duplicate fields, blanks before the colon, a line without a colon, 8-bit and NUL
// bytes, no header/body separator): Python imaplib (HEADER.FIELDS, HEADER.FIELDS.NOT, HEADER,
// TEXT with PEEK, \Seen left alone), imapflow (its `headers` fetch) and curl (a non-PEEK
// BODY[HEADER.FIELDS …], which sets \Seen). Every answer must equal the full MIME parse's
// section bytes, which the server answered from before it cut these sections from the bytes.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverMessage } from "@/lib/server/mail-store/deliver-message";
import { imapBodySection, parseMessage } from "@/lib/server/mime";
import {
  PASSWORD,
  imapFlowClient,
  seedMailbox,
  startTestImapServer,
  type TestImapServer,
} from "./support/imap-server";

const run = promisify(execFile);
const USER = "fields@fetch.test";

const messages = [
  "From: A <a@x.test>\r\nSubject: folded\r\n  across\r\n\tlines\r\nX-Dup: 1\r\nTo: t@x.test\r\nX-Dup: 2\r\n\r\nbody\r\n",
  "from: bare@lf.test\nSUBJECT: bare LF\nX-Dup : spaced\n\nbody\n",
  "Subject: \u00e9t\u00e9 8-bit \u00ff\r\nnot a field line\r\nFrom: n\u0000ul <n@x.test>\r\n\r\nx\u0000y\r\n",
  "Subject: no separator\r\nFrom: f@x.test\r\nX-Dup: end",
].map((text) => Buffer.from(text, "latin1"));
const SECTIONS = [
  "HEADER.FIELDS (FROM SUBJECT X-DUP)",
  "HEADER.FIELDS.NOT (FROM SUBJECT X-DUP)",
  "HEADER",
  "TEXT",
];

function expected(raw: Buffer, section: string): Buffer {
  return imapBodySection(parseMessage(raw), section)!;
}

let server: TestImapServer;
const uids: number[] = [];

beforeAll(async () => {
  server = await startTestImapServer();
  const mailbox = await seedMailbox(USER);
  for (const raw of messages) uids.push((await deliverMessage({ mailboxId: mailbox.id, raw })).uid);
}, 60_000);
afterAll(() => server.close());

describe("FETCH of header sections through real clients", () => {
  it("gives imaplib the sections byte for byte and leaves \\Seen alone with PEEK", async () => {
    const script = `
import base64, imaplib, json, sys
imap = imaplib.IMAP4("127.0.0.1", int(sys.argv[1]))
imap.login(sys.argv[2], sys.argv[3])
imap.select("INBOX")
items = "(" + " ".join("BODY.PEEK[%s]" % s for s in json.loads(sys.argv[4])) + ")"
out = {}
for uid in sys.argv[5:]:
    typ, data = imap.uid("FETCH", uid, items)
    parts = [base64.b64encode(d[1]).decode() for d in data if isinstance(d, tuple)]
    typ, flags = imap.uid("FETCH", uid, "(FLAGS)")
    out[uid] = {"parts": parts, "flags": flags[0].decode()}
imap.logout()
print(json.dumps(out))
`;
    const { stdout } = await run(
      "python3",
      [
        "-c",
        script,
        String(server.port),
        USER,
        PASSWORD,
        JSON.stringify(SECTIONS),
        ...uids.map(String),
      ],
      { timeout: 60_000 },
    );
    const out = JSON.parse(stdout) as Record<string, { parts: string[]; flags: string }>;
    uids.forEach((uid, i) => {
      const got = out[uid]!.parts.map((b) => Buffer.from(b, "base64").toString("latin1"));
      expect(got, `message ${i}`).toEqual(
        SECTIONS.map((s) => expected(messages[i]!, s).toString("latin1")),
      );
      expect(out[uid]!.flags, `message ${i}`).not.toContain("\\Seen");
    });
    // The NUL byte reaches the client as 0x80, as in every other section.
    expect(Buffer.from(out[uids[2]!]!.parts[0]!, "base64").includes(0x80)).toBe(true);
  }, 60_000);

  it("gives imapflow the header fields it asks for", async () => {
    const client = imapFlowClient(server.port, USER);
    await client.connect();
    try {
      await client.mailboxOpen("INBOX", { readOnly: true });
      const got = new Map<number, string>();
      for await (const m of client.fetch(
        "1:*",
        { uid: true, headers: ["from", "subject", "x-dup"] },
        { uid: false },
      ))
        got.set(m.uid, m.headers!.toString("latin1"));
      uids.forEach((uid, i) =>
        expect(got.get(uid), `message ${i}`).toBe(
          expected(messages[i]!, "HEADER.FIELDS (FROM SUBJECT X-DUP)").toString("latin1"),
        ),
      );
    } finally {
      await client.logout();
    }
  }, 60_000);

  it("gives curl a non-PEEK header section, which marks the message \\Seen", async () => {
    const base = `imap://127.0.0.1:${server.port}/INBOX`;
    const auth = ["-s", "-S", "-u", `${USER}:${PASSWORD}`];
    const uid = uids[0]!;
    const fetched = await run(
      "curl",
      [...auth, `${base};UID=${uid};SECTION=HEADER.FIELDS%20(SUBJECT%20X-DUP)`],
      { encoding: "latin1" },
    );
    expect(fetched.stdout).toBe(
      expected(messages[0]!, "HEADER.FIELDS (SUBJECT X-DUP)").toString("latin1"),
    );
    const flags = await run("curl", [...auth, base, "-X", `UID FETCH ${uid} FLAGS`]);
    expect(flags.stdout).toMatch(/FLAGS \([^)]*\\Seen/);
  }, 60_000);
});

// FETCH of message bytes (read through binary COPY): every byte value IMAP literals can carry
// (all but NUL: 0x80–0xFF, bare CR, bare LF, CRLF "." lines), a multi-megabyte message, partial
// ranges, RFC822 and the TEXT / HEADER sections, byte for byte through imapflow and imaplib.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverMessage } from "@/lib/server/mail-store/deliver-message";
import {
  PASSWORD,
  imapFlowClient,
  seedMailbox,
  startTestImapServer,
  type TestImapServer,
} from "./support/imap-server";

const run = promisify(execFile);
const USER = "bytes@fetch.test";

/** A header, then every byte value from 1 to 255 in turn (no NUL) up to `size`. */
function binaryMessage(size: number, seed: number): Buffer {
  const header = Buffer.from(
    `Subject: bytes ${seed}\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const body = Buffer.alloc(size - header.length);
  for (let i = 0; i < body.length; i++) body[i] = 1 + ((i + seed + (i >> 9)) % 255);
  return Buffer.concat([header, body]);
}

const messages = [
  binaryMessage(5000, 1),
  binaryMessage(2.5 * 1024 * 1024, 2),
  binaryMessage(70, 3),
];
let server: TestImapServer;
const uids: number[] = [];

beforeAll(async () => {
  server = await startTestImapServer();
  const mailbox = await seedMailbox(USER);
  for (const raw of messages) uids.push((await deliverMessage({ mailboxId: mailbox.id, raw })).uid);
}, 60_000);
afterAll(() => server.close());

describe("FETCH of message bytes", () => {
  it("gives imapflow every message byte for byte", async () => {
    const client = imapFlowClient(server.port, USER);
    await client.connect();
    try {
      await client.mailboxOpen("INBOX", { readOnly: true });
      const got = new Map<number, Buffer>();
      for await (const m of client.fetch("1:*", { uid: true, source: true }))
        got.set(m.uid, m.source!);
      expect(uids.map((uid, i) => got.get(uid)?.equals(messages[i]))).toEqual([true, true, true]);
      const one = await client.fetchOne(String(uids[1]), { source: true }, { uid: true });
      expect(one && one.source!.equals(messages[1])).toBe(true);
    } finally {
      await client.logout();
    }
  }, 60_000);

  it("gives imaplib BODY[], partial ranges, RFC822, HEADER and TEXT byte for byte", async () => {
    const script = `
import base64, imaplib, json, sys
imap = imaplib.IMAP4("127.0.0.1", int(sys.argv[1]))
imap.login(sys.argv[2], sys.argv[3])
imap.select("INBOX")
out = {}
for uid in sys.argv[4:]:
    typ, data = imap.uid("FETCH", uid, "(BODY.PEEK[] BODY.PEEK[]<1000.3000> BODY.PEEK[HEADER] BODY.PEEK[TEXT])")
    parts = [d[1] for d in data if isinstance(d, tuple)]
    typ, data = imap.uid("FETCH", uid, "(RFC822)")
    parts.append(data[0][1])
    out[uid] = [base64.b64encode(p).decode() for p in parts]
imap.logout()
print(json.dumps(out))
`;
    const { stdout } = await run(
      "python3",
      ["-c", script, String(server.port), USER, PASSWORD, ...uids.map(String)],
      { maxBuffer: 64 * 1024 * 1024, timeout: 60_000 },
    );
    const out = JSON.parse(stdout) as Record<string, string[]>;
    uids.forEach((uid, i) => {
      const m = messages[i];
      const headerEnd = m.indexOf("\r\n\r\n") + 4;
      const [whole, partial, header, text, rfc822] = out[uid].map((b) => Buffer.from(b, "base64"));
      expect(whole.equals(m), `BODY[] of ${uid}`).toBe(true);
      expect(partial.equals(m.subarray(1000, 4000)), `BODY[]<1000.3000> of ${uid}`).toBe(true);
      expect(header.equals(m.subarray(0, headerEnd)), `BODY[HEADER] of ${uid}`).toBe(true);
      expect(text.equals(m.subarray(headerEnd)), `BODY[TEXT] of ${uid}`).toBe(true);
      expect(rfc822.equals(m), `RFC822 of ${uid}`).toBe(true);
    });
  }, 60_000);
});

// The header bytes PostgreSQL cuts for FETCH of header sections (and header SEARCH):
// everything up to and including the first CRLF CRLF, or the whole message without one. The end
// is looked for in the first 4 KB first; headers shorter and longer than that, an end straddling
// the 4 KB mark, bare LF, 8-bit bytes and compressible (TOASTed) messages all give that cut.
import { beforeAll, describe, expect, it } from "vitest";
import { deliverMessage } from "@/lib/server/mail-store/deliver-message";
import { readMessageBytes } from "@/lib/server/mail-store/read-message-bytes";
import { seedMailbox } from "./support/imap-server";

function headerOf(raw: Buffer): Buffer {
  const end = raw.indexOf("\r\n\r\n");
  return end < 0 ? raw : raw.subarray(0, end + 4);
}

/** A header of about `size` bytes (one long X-Pad field), then a blank line and a body. */
function message(size: number, body = "body\r\n".repeat(2000)): Buffer {
  const start = "From: a@b.test\r\nSubject: pad\r\n";
  const pad = `X-Pad: ${"p".repeat(Math.max(0, size - start.length - 11))}\r\n`;
  return Buffer.from(`${start}${pad}\r\n${body}`, "latin1");
}

const messages: Buffer[] = [
  message(300),
  message(4000),
  message(4093), // CRLF CRLF at bytes 4089–4092: the last one inside the probe
  message(4094), // straddles the 4 KB mark
  message(4095),
  message(4096),
  message(9000),
  message(70_000),
  Buffer.from("Subject: bare LF\n\nbody\r\n\r\nlater\r\n", "latin1"),
  Buffer.from("Subject: no body at all\r\n", "latin1"),
  Buffer.from("\r\n\r\nempty header", "latin1"),
  Buffer.from("Subject: \u00e9t\u00e9 \u00ff\r\n\r\n\u0000\u0080", "latin1"),
];
let folderId = 0;
const uids: number[] = [];

beforeAll(async () => {
  const mailbox = await seedMailbox("header-bytes@fetch.test");
  for (const raw of messages) {
    const delivered = await deliverMessage({ mailboxId: mailbox.id, raw });
    folderId = delivered.folderId;
    uids.push(delivered.uid);
  }
}, 60_000);

describe("header bytes cut in SQL", () => {
  it("end after the first CRLF CRLF, or hold the whole message without one", async () => {
    const rows = await readMessageBytes({ folderId, uids, part: "header" });
    expect(rows.map((r) => r.uid)).toEqual(uids);
    rows.forEach((row, i) => {
      const expected = headerOf(messages[i]!);
      expect(row.bytes!.length, `message ${i}`).toBe(expected.length);
      expect(row.bytes!.equals(expected), `message ${i}`).toBe(true);
    });
  });
});

// SEARCH on header fields skips the MIME parse when the raw header bytes are plain ASCII and
// lack the term; these messages are the cases where the bytes differ from the decoded values
// (encoded words, 8-bit bytes, folding), so the shortcut must step aside and answers stay exact.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverMessage } from "@/lib/server/mail-store/deliver-message";
import { RawImapClient } from "./support/raw-client";
import {
  PASSWORD,
  seedMailbox,
  startTestImapServer,
  type TestImapServer,
} from "./support/imap-server";

let server: TestImapServer;
const USER = "shortcut@imap.test";

const message = (headers: string[]) =>
  Buffer.from([...headers, "Message-ID: <x@imap.test>", "", "body text: zebra", ""].join("\r\n"));

beforeAll(async () => {
  server = await startTestImapServer();
  const mailboxId = (await seedMailbox(USER)).id;
  const messages = [
    // 1: encoded word: "Hello World" only after decoding
    ["From: a@imap.test", "Subject: =?utf-8?q?Hello_W=6Frld?="],
    // 2: 8-bit UTF-8 header; the Kelvin sign lower-cases to an ASCII "k"
    ["From: b@imap.test", "Subject: \u212Aiwi caf\u00e9"],
    // 3: folded subject: "Fold" and "ed" on two lines
    ["From: c@imap.test", "Subject: Fold\r\n ed line"],
    // 4: plain ASCII, mixed case
    ["From: Dora <DORA@imap.test>", "Subject: plain"],
  ];
  for (const headers of messages) await deliverMessage({ mailboxId, raw: message(headers) });
});
afterAll(() => server.close());

describe("SEARCH header shortcut", () => {
  it("answers exactly where raw bytes and decoded values differ", async () => {
    const c = await RawImapClient.connect(server.port);
    await c.until(/^\* OK .*\r\n/m);
    expect(await c.command("a", `LOGIN ${USER} "${PASSWORD}"`)).toMatch(/^a OK/m);
    await c.command("s", "SELECT INBOX");
    const search = async (criteria: string) => {
      const answer = await c.command("q", `SEARCH ${criteria}`);
      expect(answer).toMatch(/^q OK/m);
      return /^\* SEARCH(.*)\r$/m.exec(answer)?.[1].trim() ?? "";
    };
    expect(await search('SUBJECT "world"')).toBe("1");
    expect(await search('SUBJECT "kiwi"')).toBe("2");
    expect(await search('SUBJECT "ed"')).toBe("3");
    expect(await search('SUBJECT "folded"')).toBe("");
    expect(await search('FROM "dora@imap"')).toBe("4");
    expect(await search('FROM "zebra"')).toBe("");
    expect(await search('NOT SUBJECT "plain"')).toBe("1 2 3");
    expect(await search('OR SUBJECT "world" HEADER Message-ID "x@imap"')).toBe("1 2 3 4");
    c.close();
  });
});

// Header SEARCH answered in SQL, through clients nobody here wrote (imapflow, Python imaplib),
// over messages stored by every path that writes "searchHeaders": local delivery one by one and
// by the batch commit, IMAP APPEND, COPY; and one row from before the column (NULL: read from
// its bytes, then filled).
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { commitDeliveryBatch } from "@/lib/server/mail-store/commit-delivery-batch";
import { deliverMessage, imapFields } from "@/lib/server/mail-store/deliver-message";
import {
  PASSWORD,
  imapFlowClient,
  seedMailbox,
  startTestImapServer,
  type TestImapServer,
} from "./support/imap-server";

const run = promisify(execFile);
let server: TestImapServer;
let mailboxId: number;
const USER = "searchsql@imap.test";

const message = (headers: string[]) =>
  Buffer.from([...headers, "", "body: invoice bob françois", ""].join("\r\n"));

function client(): ImapFlow {
  return imapFlowClient(server.port, USER);
}

const storedEntries = async (folder: string) =>
  db().$queryRaw<Array<{ uid: number; entries: string[] | null }>>`
    SELECT m.uid, m."searchHeaders" AS entries FROM "Message" m
    JOIN "MailFolder" f ON f.id = m."folderId"
    WHERE f."mailboxId" = ${mailboxId} AND f.name = ${folder} ORDER BY m.uid`;

beforeAll(async () => {
  server = await startTestImapServer();
  mailboxId = (await seedMailbox(USER)).id;
  // 1: delivered; encoded-word subject, raw UTF-8 display name
  await deliverMessage({
    mailboxId,
    raw: message([
      "From: Zoë <zoe@example.org>",
      "Subject: =?utf-8?q?Rechnung_f=C3=BCr_M=C3=A4rz?=",
    ]),
  });
  // 2: the SMTP batch commit; LIKE metacharacters
  const batched = message(["From: alice@example.org", "Subject: 100% off_now C:\\temp"]);
  await commitDeliveryBatch([
    { mailboxIds: [mailboxId], raw: batched, imap: imapFields(batched), internalDate: new Date() },
  ]);
  // 3: a row stored before the column; 4: no Subject field; 5: APPEND (below, by imapflow)
  const legacy = await deliverMessage({
    mailboxId,
    raw: message(["From: carol@example.org", "Subject: Legacy INVOICE"]),
  });
  await db().$executeRaw`UPDATE "Message" SET "searchHeaders" = NULL WHERE id = ${legacy.id}`;
  await deliverMessage({ mailboxId, raw: message(["From: Bob <bob@example.org>"]) });
}, 60_000);
afterAll(() => server.close());

describe("SEARCH in SQL through real clients", () => {
  it("imapflow: APPEND and COPY store entries; header searches match the decoded values", async () => {
    const flow = client();
    await flow.connect();
    await flow.append(
      "INBOX",
      message([
        "From: dave@example.org",
        "Cc: =?iso-8859-1?q?Fran=E7ois?= <fr@example.org>",
        "Subject: Quarterly\r\n report",
      ]),
    );
    await flow.mailboxOpen("INBOX");
    expect(await flow.search({ subject: "für" }, { uid: true })).toEqual([1]);
    expect(await flow.search({ from: "ZOË" }, { uid: true })).toEqual([1]);
    expect(await flow.search({ subject: "%" }, { uid: true })).toEqual([2]);
    expect(await flow.search({ subject: "_" }, { uid: true })).toEqual([2]);
    expect(await flow.search({ cc: "FRANÇOIS" }, { uid: true })).toEqual([5]);
    expect(await flow.search({ subject: "invoice" }, { uid: true })).toEqual([3]);
    expect(await flow.search({ or: [{ subject: "für" }, { from: "bob" }] }, { uid: true })).toEqual(
      [1, 4],
    );
    // The first header SEARCH stored the old row's entries.
    expect((await storedEntries("INBOX")).every((r) => r.entries !== null)).toBe(true);

    await flow.mailboxCreate("Archive");
    await flow.messageCopy("1:*", "Archive");
    const copied = await storedEntries("Archive");
    expect(copied.map((r) => r.entries)).toEqual(
      (await storedEntries("INBOX")).map((r) => r.entries),
    );
    await flow.mailboxOpen("Archive");
    expect(await flow.search({ cc: "françois" }, { uid: true })).toEqual([5]);
    expect(await flow.search({ subject: "quarterly report" }, { uid: true })).toEqual([5]);
    await flow.logout();
  });

  it("Python imaplib: quoted, literal UTF-8 and combined criteria", async () => {
    const script = path.join(import.meta.dirname, "clients/imaplib_search.py");
    const { stdout } = await run("python3", [script, String(server.port), USER, PASSWORD, "INBOX"]);
    expect(JSON.parse(stdout)).toEqual({
      'SUBJECT "100%"': [2],
      'SUBJECT "_"': [2],
      'SUBJECT "\\\\"': [2],
      'SUBJECT "quarterly report"': [5],
      'HEADER Cc "FRANCOIS"': [],
      'FROM "bob"': [4],
      'NOT SUBJECT ""': [4],
      'OR SUBJECT "invoice" FROM "bob"': [3, 4],
      'SUBJECT "invoice" UNSEEN': [3],
      'HEADER X-Missing ""': [],
      "SUBJECT FÜR MÄRZ": [1],
      "FROM zoË": [1],
      "HEADER Cc françois": [5],
    });
  });
});
